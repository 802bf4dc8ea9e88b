/**
 * Traefik's static configuration as command-line flags: parsing (the way Traefik's own flag
 * parser, paerser, reads them) and the rewrite that turns a production pod's args into the args
 * of a staging process. Pure functions: args in, args out.
 *
 * What users configured is what runs: entrypoints, Kubernetes providers and their options,
 * ping/api flags, server transports, core settings. What staging needs is changed or added:
 * entrypoints listen on the sandbox's loopback (same ports), API server access for every
 * Kubernetes provider, ACME resolvers without network, no log
 * files, no exporters, an API entrypoint to check readiness and sync. Every change is noted.
 */

export interface TraefikFlag {
  /** Key as written, without the leading dashes ("entryPoints.web.address"). */
  key: string;
  /** Lowercased key: Traefik's flags are case-insensitive. */
  lower: string;
  /** undefined for a bare flag (`--ping`), which Traefik reads as true. */
  value?: string;
}

export interface ParsedTraefikArgs {
  flags: TraefikFlag[];
  /** Words that are not flags (a leading "traefik" from `args: [traefik, ...]`, or anything after "--"). */
  positional: string[];
}

/**
 * Reads `--key=value`, `-key=value`, `--key value` and bare `--key`. Without Traefik's type
 * information, a word after a flag that does not start with "-" is taken as its value (Helm
 * charts and docs always write `--key=value`, and a bare boolean followed by a word would stop
 * Traefik's own parser anyway).
 */
export function parseTraefikArgs(args: readonly string[]): ParsedTraefikArgs {
  const flags: TraefikFlag[] = [];
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg.length < 2) {
      positional.push(arg);
      continue;
    }
    const body = arg.replace(/^--?/, "");
    const eq = body.indexOf("=");
    if (eq > 0) {
      const key = body.slice(0, eq);
      flags.push({ key, lower: key.toLowerCase(), value: body.slice(eq + 1) });
      continue;
    }
    const next = args[i + 1];
    if (next !== undefined && !next.startsWith("-")) {
      flags.push({ key: body, lower: body.toLowerCase(), value: next });
      i++;
    } else {
      flags.push({ key: body, lower: body.toLowerCase() });
    }
  }
  return { flags, positional };
}

export function formatTraefikFlag(flag: Pick<TraefikFlag, "key" | "value">): string {
  return flag.value === undefined ? `--${flag.key}` : `--${flag.key}=${flag.value}`;
}

/** Kubernetes providers, by their lowercased flag name. */
export const KUBERNETES_PROVIDERS = ["kubernetescrd", "kubernetesingress", "kubernetesgateway", "kubernetesingressnginx"] as const;
export type KubernetesProvider = (typeof KUBERNETES_PROVIDERS)[number];

export interface EntrypointSpec {
  /** As first written (Traefik keeps the first spelling of a map key). */
  name: string;
  /** Address as given to Traefik (after the rewrite). */
  address: string;
  /** Where to connect inside the sandbox. */
  host: string;
  port: number;
  protocol: "tcp" | "udp";
  /** Added by staging (not in the users' configuration). */
  staging?: boolean;
}

export interface TraefikRewriteContext {
  /** API server as seen inside the sandbox, e.g. https://127.0.0.1:6443. */
  endpoint: string;
  token: string;
  /** CA file of the API server, readable inside the sandbox. */
  caPath: string;
  /** Directory for ACME storage files (inside the run dir). */
  stateDir: string;
  /** Major version of the Traefik that will run (1 is not supported). */
  major: number;
}

export interface TraefikRewrite {
  /** Args of the staging process; undefined when the configuration cannot be staged (see `unsupported`). */
  args?: string[];
  /** Why the configuration cannot be staged. */
  unsupported?: string;
  /** One line per change staging made to the users' configuration. */
  notes: string[];
  entrypoints: EntrypointSpec[];
  /** Kubernetes providers that are enabled. */
  providers: KubernetesProvider[];
  /** Entrypoint that serves /ping, and the one that serves the API (api.insecure). */
  pingEntrypoint: string;
  apiEntrypoint: string;
  /** Path prefix of the API: "/api", or "<basePath>/api". */
  apiPath: string;
  /** Names of ACME certificate resolvers (kept, without network). */
  certResolvers: string[];
}

/** Staging's API entrypoint port (used unless another entrypoint already takes it). */
export const STAGING_API_PORT = 9000;
/** providersThrottleDuration in staging (Traefik's default is 2 s), and the same in milliseconds. */
export const STAGING_PROVIDERS_THROTTLE = "200ms";
export const STAGING_PROVIDERS_THROTTLE_MS = 200;
/** Entrypoint lifeCycle settings staging uses where the users set them (graceful shutdown on restart). */
export const STAGING_REQUEST_ACCEPT_GRACE = "0s";
export const STAGING_GRACE_TIMEOUT = "1s";
/** Unreachable ACME directory: no certificate is ever requested from the internet. */
export const OFFLINE_ACME_CA = "https://127.0.0.1:1/directory";

const DROP_SECTIONS: Array<[RegExp, string]> = [
  [/^metrics(\.|$)/, "metrics exporters (metrics.*)"],
  [/^tracing(\.|$)/, "tracing exporters (tracing.*)"],
  [/^pilot(\.|$)/, "Traefik Pilot (pilot.*)"],
  [/^hub(\.|$)/, "Traefik Hub (hub.*)"],
  [/^experimental\.hub$/, "Traefik Hub (experimental.hub)"],
  [/^experimental\.plugins(\.|$)/, "plugins downloaded from the plugin catalog (experimental.plugins.*): middlewares using them will not load"],
  [/^experimental\.localplugins(\.|$)/, "local plugins (experimental.localPlugins.*): their sources are in the image, not here"],
  [/^spiffe(\.|$)/, "SPIFFE (spiffe.*): no workload API socket in staging"],
  [/^ocsp(\.|$)/, "OCSP stapling (ocsp.*): no network in staging"],
  [/^log\.filepath$/, "log.filePath (logs go to the output kubegate reads)"],
  [/^accesslog\.filepath$/, "accessLog.filePath (access logs go to the output kubegate reads)"],
  [/^accesslog\.otlp(\.|$)/, "access log OTLP exporter (accessLog.otlp.*)"],
  [/^log\.otlp(\.|$)/, "log OTLP exporter (log.otlp.*)"],
  [/^global(\.|$)/, "global.* (staging disables version checks and usage reports)"],
  [/^configfile$/, "configFile: static configuration from a file (usually a mounted ConfigMap) is not staged; only command-line flags are"],
  [/^ping\.manualrouting$/, "ping.manualRouting (staging serves /ping on its entrypoint)"],
  [/^api\.insecure$/, "api.insecure (staging sets it)"],
  [/^log\.level$/, "log.level (staging runs at INFO)"],
];

/**
 * Turns a Traefik container's args into the staging process's args. `args` are the container's
 * `args` (and `command` words after the binary, if the manifest puts flags there).
 */
export function rewriteTraefikArgs(args: readonly string[], ctx: TraefikRewriteContext): TraefikRewrite {
  const notes: string[] = [];
  const parsed = parseTraefikArgs(args);
  const base = { notes, entrypoints: [], providers: [], pingEntrypoint: "traefik", apiEntrypoint: "traefik", apiPath: "/api", certResolvers: [] };
  const v1 = ctx.major === 1 ? "the image is Traefik v1" : v1Style(parsed.flags);
  if (v1) {
    return {
      ...base,
      unsupported: `Traefik v1 static configuration cannot be staged (${v1}): kubegate runs Traefik v2/v3, whose configuration differs (entryPoints, providers, ACME); migrate to Traefik v2+ or stage with a v2+ manifest`,
    };
  }
  const words = parsed.positional.filter((w, i) => !(i === 0 && /(^|\/)traefik$/.test(w)));
  if (words.length > 0) notes.push(`ignored non-flag arguments: ${words.join(" ")}`);

  const out: Array<{ key: string; value?: string }> = [];
  const dropped = new Set<string>();
  const enabled = new Map<KubernetesProvider, boolean>();
  const resolvers = new Map<string, Map<string, { key: string; value?: string }>>();
  const entrypointNames = new Map<string, string>(); // lower -> first spelling
  const addresses = new Map<string, { key: string; value: string }>(); // lower name -> address flag
  let pingEntrypoint: string | undefined;
  let apiBasePath: string | undefined;
  let userThrottle: string | undefined;

  for (const flag of parsed.flags) {
    const { lower } = flag;
    const drop = DROP_SECTIONS.find(([re]) => re.test(lower));
    if (drop) {
      if (!dropped.has(drop[1])) {
        dropped.add(drop[1]);
        if (!/^(global|ping\.manualrouting|api\.insecure|log\.level)/.test(lower)) notes.push(`dropped ${drop[1]}`);
      }
      if (lower === "log.level" && (flag.value ?? "").toUpperCase() !== "INFO") notes.push(`log.level ${flag.value ?? ""} replaced by INFO`);
      continue;
    }
    const provider = /^providers\.([^.]+)(\.(.*))?$/.exec(lower);
    if (provider) {
      const name = provider[1]!;
      const option = provider[3];
      if (name === "providersthrottleduration") {
        userThrottle = flag.value ?? "";
        continue; // replaced below
      }
      if (!isKubernetesProvider(name)) {
        const what = `providers.${flag.key.split(".")[1]}`;
        if (!dropped.has(what)) {
          dropped.add(what);
          notes.push(`dropped ${what}: only Kubernetes providers are staged`);
        }
        continue;
      }
      if (option === undefined) {
        enabled.set(name, flag.value === undefined || flag.value.toLowerCase() !== "false");
        continue; // re-added below, once, when enabled
      }
      if (!enabled.has(name)) enabled.set(name, true); // an option enables its section
      if (option === "endpoint" || option === "token" || option === "certauthfilepath") continue; // rewritten below
      if (option === "throttleduration") {
        // Each provider's own throttle (default 0) delays every event it reacts to: the staged
        // sync check would have to wait for it after every apply.
        if (!isZeroDuration(flag.value)) notes.push(`providers.${PROVIDER_SPELLING[name]}.throttleDuration ${flag.value ?? ""} dropped: staging reacts to every change at once`);
        continue;
      }
      out.push(flag);
      continue;
    }
    const resolver = /^certificatesresolvers\.([^.]+)\.(.+)$/.exec(lower);
    if (resolver) {
      const name = flag.key.split(".")[1]!;
      const options = resolvers.get(name.toLowerCase()) ?? new Map();
      resolvers.set(name.toLowerCase(), options);
      options.set(resolver[2]!, { key: flag.key, ...(flag.value !== undefined ? { value: flag.value } : {}) });
      continue;
    }
    const entrypoint = /^entrypoints\.([^.]+)(\.(.*))?$/.exec(lower);
    if (entrypoint) {
      const lowerName = entrypoint[1]!;
      if (!entrypointNames.has(lowerName)) entrypointNames.set(lowerName, flag.key.split(".")[1]!);
      const lifeCycle = /^transport\.lifecycle\.(requestacceptgracetimeout|gracetimeout)$/.exec(entrypoint[3] ?? "");
      if (lifeCycle) {
        // Graceful shutdown drains connections for load balancers; staging restarts a process
        // nobody else talks to, and a long drain would only slow every restart down.
        const staged = lifeCycle[1] === "requestacceptgracetimeout" ? STAGING_REQUEST_ACCEPT_GRACE : STAGING_GRACE_TIMEOUT;
        out.push({ key: flag.key, value: staged });
        if ((flag.value ?? "") !== staged) notes.push(`entrypoint ${flag.key.split(".")[1]!}: ${flag.key.split(".").slice(2).join(".")} ${flag.value ?? ""} replaced by ${staged} (staging restarts without draining connections)`);
        continue;
      }
      if (entrypoint[3] === "address") {
        addresses.set(lowerName, { key: flag.key, value: flag.value ?? "" });
        continue; // placed below (possibly rewritten)
      }
      out.push(flag);
      continue;
    }
    if (lower === "ping.entrypoint") pingEntrypoint = flag.value;
    if (lower === "api.basepath") apiBasePath = flag.value;
    if (lower === "ping" || lower === "api") continue; // forced on below
    out.push(flag);
  }

  // Entrypoints: the users' ones (addresses on a specific pod IP become wildcard addresses).
  const entrypoints: EntrypointSpec[] = [];
  for (const [lowerName, name] of entrypointNames) {
    const flag = addresses.get(lowerName);
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
  if (entrypointNames.size === 0) {
    // Traefik creates "http" on :80 only when no entrypoint is defined; staging defines one.
    out.push({ key: "entryPoints.http.address", value: "127.0.0.1:80" });
    entrypoints.push({ name: "http", address: "127.0.0.1:80", host: "127.0.0.1", port: 80, protocol: "tcp" });
    notes.push("no entrypoint configured: made Traefik's default `http` entrypoint (:80) explicit");
  }
  const apiEntrypoint = entrypoints.find((e) => e.name.toLowerCase() === "traefik");
  if (!apiEntrypoint) {
    const used = new Set(entrypoints.filter((e) => e.protocol === "tcp").map((e) => e.port));
    let port = STAGING_API_PORT;
    while (used.has(port)) port++;
    out.push({ key: "entryPoints.traefik.address", value: `127.0.0.1:${port}` });
    entrypoints.push({ name: "traefik", address: `127.0.0.1:${port}`, host: "127.0.0.1", port, protocol: "tcp", staging: true });
  }

  // Kubernetes providers: API server access of the staging cluster.
  const providers = KUBERNETES_PROVIDERS.filter((p) => enabled.get(p) === true);
  for (const provider of providers) {
    const spelled = PROVIDER_SPELLING[provider];
    out.push({ key: `providers.${spelled}` });
    out.push({ key: `providers.${spelled}.endpoint`, value: ctx.endpoint });
    out.push({ key: `providers.${spelled}.token`, value: ctx.token });
    out.push({ key: `providers.${spelled}.certAuthFilePath`, value: ctx.caPath });
  }
  if (providers.length === 0) notes.push("no Kubernetes provider is enabled: Traefik will not route anything from the cluster");

  // ACME resolvers: kept by name (routers refer to them), with a local challenge and no CA.
  const certResolvers: string[] = [];
  for (const [lowerName, options] of resolvers) {
    const first = [...options.values()][0]!;
    const name = first.key.split(".")[1]!;
    certResolvers.push(name);
    const prefix = `certificatesResolvers.${name}.acme`;
    for (const [option, flag] of options) {
      if (/^acme\.(email|keytype|certificatesduration|preferredchain|profile|disablecommonname|emailaddresses)$/.test(option)) out.push({ key: flag.key, ...(flag.value !== undefined ? { value: flag.value } : {}) });
    }
    out.push({ key: `${prefix}.storage`, value: `${ctx.stateDir.replace(/\/$/, "")}/acme-${lowerName}.json` });
    out.push({ key: `${prefix}.caServer`, value: OFFLINE_ACME_CA });
    out.push({ key: `${prefix}.tlsChallenge`, value: "true" });
    notes.push(`certificate resolver ${name}: kept without network (no ACME CA, TLS-ALPN challenge only); certificates come from Secrets`);
  }

  // Traefik batches provider updates (providersThrottleDuration, default 2 s): every change of a
  // staged apply would reach the routers only that much later, and the sync check would have to
  // wait it out each time. The configuration Traefik ends up with is the same either way.
  out.push({ key: "providers.providersThrottleDuration", value: STAGING_PROVIDERS_THROTTLE });
  notes.push(`providers.providersThrottleDuration ${userThrottle ?? "2s (default)"} replaced by ${STAGING_PROVIDERS_THROTTLE}: staging applies configuration changes without batching them`);

  // What staging needs: /ping, the API, INFO logs, no calls home.
  out.push({ key: "ping", value: "true" });
  out.push({ key: "api", value: "true" });
  out.push({ key: "api.insecure", value: "true" });
  out.push({ key: "log.level", value: "INFO" });
  out.push({ key: "global.checkNewVersion", value: "false" });
  // Backends are kubegate's stand-ins: one answers TLS for Services Traefik reaches over HTTPS
  // (port named https, port 443), with a run certificate no production CA signed.
  if (!out.some((f) => f.key.toLowerCase() === "serverstransport.insecureskipverify")) out.push({ key: "serversTransport.insecureSkipVerify", value: "true" });
  out.push({ key: "global.sendAnonymousUsage", value: "false" });

  return {
    args: out.map(formatTraefikFlag),
    notes,
    entrypoints,
    providers,
    pingEntrypoint: pingEntrypoint ?? "traefik",
    apiEntrypoint: "traefik",
    apiPath: `${(apiBasePath ?? "").replace(/\/+$/, "")}/api`,
    certResolvers,
  };
}

const PROVIDER_SPELLING: Record<KubernetesProvider, string> = {
  kubernetescrd: "kubernetesCRD",
  kubernetesingress: "kubernetesIngress",
  kubernetesgateway: "kubernetesGateway",
  kubernetesingressnginx: "kubernetesIngressNGINX",
};

/** "0", "0s", "0ms", "" (a bare flag): Traefik reads them all as no throttle. */
function isZeroDuration(value: string | undefined): boolean {
  return /^(0+(\.0*)?([a-zµ]*))?$/i.test((value ?? "").trim());
}

function isKubernetesProvider(name: string): name is KubernetesProvider {
  return (KUBERNETES_PROVIDERS as readonly string[]).includes(name);
}

/** Signs of Traefik v1 flags: `--kubernetes`, `--defaultEntryPoints`, `--entryPoints=Name:http Address::80`, `--web`. */
function v1Style(flags: readonly TraefikFlag[]): string | undefined {
  const sign = flags.find(
    (f) =>
      f.lower === "kubernetes" ||
      f.lower.startsWith("kubernetes.") ||
      f.lower === "defaultentrypoints" ||
      (f.lower === "entrypoints" && /name:/i.test(f.value ?? "")) ||
      f.lower === "web" ||
      f.lower.startsWith("web.") ||
      f.lower === "acme" ||
      f.lower.startsWith("acme."),
  );
  return sign ? `flag --${sign.key} is v1 syntax` : undefined;
}

export interface ParsedAddress {
  host: string;
  port: number;
  protocol: "tcp" | "udp";
  /** "/tcp", "/udp" or "" as written. */
  protocolSuffix: string;
}

/** Reads an entrypoint address: ":8000", ":8000/tcp", "0.0.0.0:443", "[::]:80/udp". */
export function parseAddress(address: string): ParsedAddress | undefined {
  const m = /^(\[[^\]]*\]|[^:/]*):(\d{1,5})(\/(tcp|udp))?$/i.exec(address.trim());
  if (!m) return undefined;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return undefined;
  const protocol = (m[4]?.toLowerCase() ?? "tcp") as "tcp" | "udp";
  return { host: m[1]!.replace(/^\[|\]$/g, ""), port, protocol, protocolSuffix: m[3] ?? "" };
}

function isWildcardOrLoopback(host: string): boolean {
  return host === "" || host === "0.0.0.0" || host === "::" || host === "localhost" || host === "::1" || host.startsWith("127.");
}
