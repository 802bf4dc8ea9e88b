/**
 * Second half of the args rewrite: writes back, section by section, what the users configured
 * (traefik-args-read.ts) the way staging runs it: entrypoints on loopback, API server access for
 * each Kubernetes provider, ACME resolvers without network, and staging's own flags.
 */
import { isWildcardOrLoopback, parseAddress } from "./entrypoint-address.js";
import type { UserConfig } from "./traefik-args-read.js";
import { KUBERNETES_PROVIDERS, OFFLINE_ACME_CA, STAGING_API_PORT, STAGING_PROVIDERS_THROTTLE, type EntrypointSpec, type KubernetesProvider, type TraefikRewriteContext } from "./traefik-args-types.js";
import { PROVIDER_SPELLING } from "./traefik-providers.js";

/** The users' entrypoints (addresses on a specific pod IP become loopback ones), and staging's API entrypoint. */
export function placeEntrypoints(config: UserConfig): EntrypointSpec[] {
  const { out, notes } = config;
  const entrypoints: EntrypointSpec[] = [];
  for (const [lowerName, name] of config.entrypointNames) {
    const flag = config.addresses.get(lowerName);
    if (!flag) {
      notes.push(`entrypoint ${name} has no address: Traefik will refuse it`);
      continue;
    }
    const parsedAddress = parseAddress(flag.value);
    if (!parsedAddress) {
      out.push({ key: flag.key, value: flag.value });
      notes.push(`entrypoint ${name}: cannot read address ${JSON.stringify(flag.value)}; passed as is`);
      continue;
    }
    // Loopback only: the stand-in backends listen on the sandbox's other addresses, often on the
    // same ports (8000, 8080, 8443), and a wildcard listener would collide with them.
    const host = parsedAddress.host.startsWith("127.") ? parsedAddress.host : "127.0.0.1";
    const address = `${host}:${parsedAddress.port}${parsedAddress.protocolSuffix}`;
    if (!isWildcardOrLoopback(parsedAddress.host)) notes.push(`entrypoint ${name}: address ${flag.value} names a specific host; staging listens on ${address}`);
    out.push({ key: flag.key, value: address });
    entrypoints.push({ name, address, host, port: parsedAddress.port, protocol: parsedAddress.protocol });
  }
  if (config.entrypointNames.size === 0) {
    // Traefik creates "http" on :80 only when no entrypoint is defined; staging defines one.
    out.push({ key: "entryPoints.http.address", value: "127.0.0.1:80" });
    entrypoints.push({ name: "http", address: "127.0.0.1:80", host: "127.0.0.1", port: 80, protocol: "tcp" });
    notes.push("no entrypoint configured: made Traefik's default `http` entrypoint (:80) explicit");
  }
  if (!entrypoints.some((e) => e.name.toLowerCase() === "traefik")) {
    const used = new Set(entrypoints.filter((e) => e.protocol === "tcp").map((e) => e.port));
    let port = STAGING_API_PORT;
    while (used.has(port)) port++;
    out.push({ key: "entryPoints.traefik.address", value: `127.0.0.1:${port}` });
    entrypoints.push({ name: "traefik", address: `127.0.0.1:${port}`, host: "127.0.0.1", port, protocol: "tcp", staging: true });
  }
  return entrypoints;
}

/** Every enabled Kubernetes provider, with the staging cluster's API server access. */
export function placeProviders(config: UserConfig, ctx: TraefikRewriteContext): KubernetesProvider[] {
  const providers = KUBERNETES_PROVIDERS.filter((p) => config.enabled.get(p) === true);
  for (const provider of providers) {
    const spelled = PROVIDER_SPELLING[provider];
    config.out.push({ key: `providers.${spelled}` });
    config.out.push({ key: `providers.${spelled}.endpoint`, value: ctx.endpoint });
    config.out.push({ key: `providers.${spelled}.token`, value: ctx.token });
    config.out.push({ key: `providers.${spelled}.certAuthFilePath`, value: ctx.caPath });
  }
  if (providers.length === 0) config.notes.push("no Kubernetes provider is enabled: Traefik will not route anything from the cluster");
  return providers;
}

/** ACME resolvers: kept by name (routers refer to them), with a local challenge and no CA. */
export function placeResolvers(config: UserConfig, ctx: TraefikRewriteContext): string[] {
  const certResolvers: string[] = [];
  for (const [lowerName, options] of config.resolvers) {
    const first = [...options.values()][0]!;
    const name = first.key.split(".")[1]!;
    certResolvers.push(name);
    const prefix = `certificatesResolvers.${name}.acme`;
    for (const [option, flag] of options) {
      if (/^acme\.(email|keytype|certificatesduration|preferredchain|profile|disablecommonname|emailaddresses)$/.test(option)) config.out.push({ key: flag.key, ...(flag.value !== undefined ? { value: flag.value } : {}) });
    }
    config.out.push({ key: `${prefix}.storage`, value: `${ctx.stateDir.replace(/\/$/, "")}/acme-${lowerName}.json` });
    config.out.push({ key: `${prefix}.caServer`, value: OFFLINE_ACME_CA });
    config.out.push({ key: `${prefix}.tlsChallenge`, value: "true" });
    config.notes.push(`certificate resolver ${name}: kept without network (no ACME CA, TLS-ALPN challenge only); certificates come from Secrets`);
  }
  return certResolvers;
}

/** What staging itself needs: no provider batching, /ping, the API, INFO logs, no calls home. */
export function placeStagingFlags(config: UserConfig): void {
  const { out } = config;
  // Traefik batches provider updates (providersThrottleDuration, default 2 s): every change of a
  // staged apply would reach the routers only that much later, and the sync check would have to
  // wait it out each time. The configuration Traefik ends up with is the same either way.
  out.push({ key: "providers.providersThrottleDuration", value: STAGING_PROVIDERS_THROTTLE });
  config.notes.push(`providers.providersThrottleDuration ${config.userThrottle ?? "2s (default)"} replaced by ${STAGING_PROVIDERS_THROTTLE}: staging applies configuration changes without batching them`);
  out.push({ key: "ping", value: "true" });
  out.push({ key: "api", value: "true" });
  out.push({ key: "api.insecure", value: "true" });
  out.push({ key: "log.level", value: "INFO" });
  out.push({ key: "global.checkNewVersion", value: "false" });
  // Backends are kubegate's stand-ins: one answers TLS for Services Traefik reaches over HTTPS
  // (port named https, port 443), with a run certificate no production CA signed.
  if (!out.some((f) => f.key.toLowerCase() === "serverstransport.insecureskipverify")) out.push({ key: "serversTransport.insecureSkipVerify", value: "true" });
  out.push({ key: "global.sendAnonymousUsage", value: "false" });
}
