/**
 * Picks the cluster provider for a run: an explicit name (CLI flag / API option) wins, then
 * $KUBEGATE_CLUSTER, then the first available provider in DETECTION_ORDER. One folder per
 * provider under stage/providers, as in kind.
 */
import { StagingError, type ClusterProvider, type ProviderName } from "./cluster/cluster-provider.js";
import type { KubeconfigProviderOptions } from "./providers/kubeconfig/kubeconfig-provider.js";

/** Settings some providers take (the CLI's --kubeconfig, --context, --i-know-this-is-not-production). */
export interface ProviderOptions {
  kubeconfig?: KubeconfigProviderOptions;
}

type ProviderFactory = (options: ProviderOptions) => Promise<ClusterProvider>;

/** Loaded lazily: a provider's module may pull in heavy dependencies (client-node, x509, testcontainers). */
const PROVIDERS: Partial<Record<ProviderName, ProviderFactory>> = {
  local: async () => new (await import("./providers/local/local-provider.js")).LocalProvider(),
  kind: async () => new (await import("./providers/kind/kind-provider.js")).KindProvider(),
  k3s: async () => new (await import("./providers/k3s/k3s-provider.js")).K3sProvider(),
  kubeconfig: async (options) => new (await import("./providers/kubeconfig/kubeconfig-provider.js")).KubeconfigProvider(options.kubeconfig),
};

/**
 * Tried in order when nothing names a provider: the local one needs nothing but built tools and
 * runs anywhere, and starts in seconds; kind and k3s need a Docker engine that runs privileged
 * containers. "kubeconfig" is never detected: staging on an existing cluster must be asked for.
 */
const DETECTION_ORDER: readonly ProviderName[] = ["local", "kind", "k3s"];

export const ENV_CLUSTER = "KUBEGATE_CLUSTER";

export interface DetectOptions {
  /** Explicit choice (e.g. `--provider local`); must exist and be available. */
  name?: string;
  env?: NodeJS.ProcessEnv;
  providerOptions?: ProviderOptions;
}

export function knownProviders(): ProviderName[] {
  return Object.keys(PROVIDERS) as ProviderName[];
}

export async function detectProvider(options: DetectOptions = {}): Promise<ClusterProvider> {
  const fromEnv = (options.env ?? process.env)[ENV_CLUSTER]?.trim();
  const named = options.name ?? (fromEnv ? fromEnv : undefined);
  if (named !== undefined) {
    const source = options.name !== undefined ? "--stage/--provider" : `$${ENV_CLUSTER}`;
    const provider = await providerNamed(named, source, options.providerOptions);
    const availability = await provider.isAvailable();
    if (!availability.available) throw new StagingError(`cluster provider "${named}" (from ${source}) is not available: ${availability.reason ?? "unknown reason"}`);
    return provider;
  }
  const reasons: string[] = [];
  for (const name of DETECTION_ORDER) {
    const provider = await providerNamed(name, "detection", options.providerOptions);
    const availability = await provider.isAvailable();
    if (availability.available) return provider;
    reasons.push(`${name}: ${availability.reason ?? "not available"}`);
  }
  throw new StagingError(`no cluster provider is available:\n  ${reasons.join("\n  ")}`);
}

/** The provider of that name, without checking availability (e.g. for cleanup). */
export async function providerNamed(name: string, source = "name", options: ProviderOptions = {}): Promise<ClusterProvider> {
  const factory = PROVIDERS[name as ProviderName];
  if (!factory) throw new StagingError(`unknown cluster provider "${name}" (from ${source}); known: ${knownProviders().join(", ")}`);
  return factory(options);
}
