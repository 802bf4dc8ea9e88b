/** Types and constants of the Traefik args rewrite (traefik-args.ts). */

export interface TraefikFlag {
  /** Key as written, without the leading dashes ("entryPoints.web.address"). */
  key: string;
  /** Lowercased key: Traefik's flags are case-insensitive. */
  lower: string;
  /** undefined for a bare flag (`--ping`), which Traefik reads as true. */
  value?: string;
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
