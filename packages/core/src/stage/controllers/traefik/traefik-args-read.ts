/**
 * First half of the args rewrite: reads the users' flags section by section (dropped sections,
 * providers, certificate resolvers, entrypoints, the rest) into what the second half
 * (traefik-args-place.ts) writes back for staging. Each reader says whether it took the flag.
 */
import { STAGING_GRACE_TIMEOUT, STAGING_REQUEST_ACCEPT_GRACE, type KubernetesProvider, type TraefikFlag } from "./traefik-args-types.js";
import { isKubernetesProvider, PROVIDER_SPELLING } from "./traefik-providers.js";

export type OutFlag = { key: string; value?: string };

/** The users' configuration as read, and the flags already decided. */
export interface UserConfig {
  out: OutFlag[];
  notes: string[];
  dropped: Set<string>;
  enabled: Map<KubernetesProvider, boolean>;
  /** Lowercased resolver name -> option (after the name) -> flag. */
  resolvers: Map<string, Map<string, OutFlag>>;
  /** Lowercased entrypoint name -> first spelling (Traefik keeps the first spelling of a map key). */
  entrypointNames: Map<string, string>;
  /** Lowercased entrypoint name -> its address flag. */
  addresses: Map<string, { key: string; value: string }>;
  pingEntrypoint?: string;
  apiBasePath?: string;
  userThrottle?: string;
}

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

type SectionReader = (config: UserConfig, flag: TraefikFlag) => boolean;

/** Reads every flag into a UserConfig, the first section reader that takes a flag wins. */
export function readUserFlags(flags: readonly TraefikFlag[], notes: string[]): UserConfig {
  const config: UserConfig = { out: [], notes, dropped: new Set(), enabled: new Map(), resolvers: new Map(), entrypointNames: new Map(), addresses: new Map() };
  const readers: SectionReader[] = [readDropped, readProvider, readResolver, readEntrypoint, readOther];
  for (const flag of flags) readers.some((read) => read(config, flag));
  return config;
}

function readDropped(config: UserConfig, flag: TraefikFlag): boolean {
  const { lower } = flag;
  const drop = DROP_SECTIONS.find(([re]) => re.test(lower));
  if (!drop) return false;
  if (!config.dropped.has(drop[1])) {
    config.dropped.add(drop[1]);
    if (!/^(global|ping\.manualrouting|api\.insecure|log\.level)/.test(lower)) config.notes.push(`dropped ${drop[1]}`);
  }
  if (lower === "log.level" && (flag.value ?? "").toUpperCase() !== "INFO") config.notes.push(`log.level ${flag.value ?? ""} replaced by INFO`);
  return true;
}

function readProvider(config: UserConfig, flag: TraefikFlag): boolean {
  const provider = /^providers\.([^.]+)(\.(.*))?$/.exec(flag.lower);
  if (!provider) return false;
  const name = provider[1]!;
  const option = provider[3];
  if (name === "providersthrottleduration") {
    config.userThrottle = flag.value ?? "";
    return true; // replaced when placed
  }
  if (!isKubernetesProvider(name)) {
    const what = `providers.${flag.key.split(".")[1]}`;
    if (!config.dropped.has(what)) {
      config.dropped.add(what);
      config.notes.push(`dropped ${what}: only Kubernetes providers are staged`);
    }
    return true;
  }
  if (option === undefined) {
    config.enabled.set(name, flag.value === undefined || flag.value.toLowerCase() !== "false");
    return true; // re-added once when placed, when enabled
  }
  if (!config.enabled.has(name)) config.enabled.set(name, true); // an option enables its section
  if (option === "endpoint" || option === "token" || option === "certauthfilepath") return true; // rewritten when placed
  if (option === "throttleduration") {
    // Each provider's own throttle (default 0) delays every event it reacts to: the staged
    // sync check would have to wait for it after every apply.
    if (!isZeroDuration(flag.value)) config.notes.push(`providers.${PROVIDER_SPELLING[name]}.throttleDuration ${flag.value ?? ""} dropped: staging reacts to every change at once`);
    return true;
  }
  config.out.push(flag);
  return true;
}

function readResolver(config: UserConfig, flag: TraefikFlag): boolean {
  const resolver = /^certificatesresolvers\.([^.]+)\.(.+)$/.exec(flag.lower);
  if (!resolver) return false;
  const name = flag.key.split(".")[1]!;
  const options = config.resolvers.get(name.toLowerCase()) ?? new Map<string, OutFlag>();
  config.resolvers.set(name.toLowerCase(), options);
  options.set(resolver[2]!, { key: flag.key, ...(flag.value !== undefined ? { value: flag.value } : {}) });
  return true;
}

function readEntrypoint(config: UserConfig, flag: TraefikFlag): boolean {
  const entrypoint = /^entrypoints\.([^.]+)(\.(.*))?$/.exec(flag.lower);
  if (!entrypoint) return false;
  const lowerName = entrypoint[1]!;
  if (!config.entrypointNames.has(lowerName)) config.entrypointNames.set(lowerName, flag.key.split(".")[1]!);
  const lifeCycle = /^transport\.lifecycle\.(requestacceptgracetimeout|gracetimeout)$/.exec(entrypoint[3] ?? "");
  if (lifeCycle) {
    // Graceful shutdown drains connections for load balancers; staging restarts a process
    // nobody else talks to, and a long drain would only slow every restart down.
    const staged = lifeCycle[1] === "requestacceptgracetimeout" ? STAGING_REQUEST_ACCEPT_GRACE : STAGING_GRACE_TIMEOUT;
    config.out.push({ key: flag.key, value: staged });
    if ((flag.value ?? "") !== staged) config.notes.push(`entrypoint ${flag.key.split(".")[1]!}: ${flag.key.split(".").slice(2).join(".")} ${flag.value ?? ""} replaced by ${staged} (staging restarts without draining connections)`);
    return true;
  }
  if (entrypoint[3] === "address") {
    config.addresses.set(lowerName, { key: flag.key, value: flag.value ?? "" });
    return true; // placed later (possibly rewritten)
  }
  config.out.push(flag);
  return true;
}

function readOther(config: UserConfig, flag: TraefikFlag): boolean {
  const { lower } = flag;
  if (lower === "ping.entrypoint") config.pingEntrypoint = flag.value;
  if (lower === "api.basepath") config.apiBasePath = flag.value;
  if (lower === "ping" || lower === "api") return true; // forced on when placed
  config.out.push(flag);
  return true;
}

/** "0", "0s", "0ms", "" (a bare flag): Traefik reads them all as no throttle. */
function isZeroDuration(value: string | undefined): boolean {
  return /^(0+(\.0*)?([a-zµ]*))?$/i.test((value ?? "").trim());
}
