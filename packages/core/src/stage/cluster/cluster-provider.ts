import type { Logger } from "../../log/logger.js";
import type { ControllerHostCluster } from "../controllers/ingress-controller.js";

export type ProviderName = "local" | "kind" | "k3s" | "kubeconfig";

export interface ClusterSpec {
  /** Put on everything the run starts (names, labels, temp dirs) so leftovers can be found. */
  runId: string;
  /** Desired Kubernetes minor version ("1.34"); providers use the nearest they have. */
  kubeVersion?: string;
  logger: Logger;
  /** Aborts start-up (Ctrl-C); whatever was started is torn down before create() rejects. */
  signal?: AbortSignal;
}

export interface Availability {
  available: boolean;
  /** Why not, in one line the user can act on. */
  reason?: string;
}

/**
 * One provider per folder under stage/providers, the same shape as kind's providers:
 * detection, create, and best-effort cleanup by run id.
 */
export interface ClusterProvider {
  readonly name: ProviderName;
  isAvailable(): Promise<Availability>;
  create(spec: ClusterSpec): Promise<StagingCluster>;
  /** Removes what earlier runs left behind (all runs, or one run id); returns what it removed. */
  cleanup(runId?: string): Promise<string[]>;
}

/** A running throwaway cluster. `await using` tears it down. */
export interface StartedCluster extends AsyncDisposable {
  readonly provider: ProviderName;
  readonly runId: string;
  /** Path of a kubeconfig file usable by kubectl and @kubernetes/client-node. */
  readonly kubeconfigPath: string;
  /** `/version` gitVersion of the API server, e.g. "v1.34.10". */
  readonly serverVersion: string;
  /** Last log lines of every component, for error reports. */
  collectLogs(): Promise<Record<string, string>>;
  /**
   * Resolves (never rejects) with a StagingError, carrying the components' last log lines,
   * when a component dies before stop(); stays pending otherwise. Race long steps against it
   * so a dead API server fails the run at once instead of by timeout.
   */
  readonly failed: Promise<StagingError>;
  /** Idempotent; never throws (teardown is best effort and reports what it could not remove). */
  stop(): Promise<void>;
}

/**
 * What every provider's create() returns: a started cluster that can also host the staging run's
 * ingress controller and stand-in backends (a sandbox sharing a network with a view of the API
 * server). The local provider runs the API server in that sandbox; kind, k3s and kubeconfig
 * clusters are reached from it through stage/providers/common/external.
 */
export interface StagingCluster extends StartedCluster, ControllerHostCluster {}

/** Thrown when a component dies or never becomes ready: staging fails closed (exit 3). */
export class StagingError extends Error {
  override name = "StagingError";
  constructor(message: string, readonly logs: Record<string, string> = {}, options?: { cause?: unknown }) {
    super(message, options);
  }
}
