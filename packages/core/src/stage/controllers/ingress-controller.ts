/**
 * Ingress controllers in staging: one adapter per controller family (Traefik first) that runs
 * the controller the user's manifests describe as a process inside the cluster's sandbox, with
 * the static configuration those manifests give it, and reports when it has picked up the
 * routes. The controller is never run as a pod: staging clusters have no kubelet.
 */
import type { Logger } from "../../log/logger.js";
import type { ManifestSet } from "../../model/manifest.js";
import type { ControllerFamily, IngressController } from "../../workloads/ingress-controllers.js";
import type { StagingError } from "../cluster/cluster-provider.js";
import type { ControllerAccess, ControllerAccessOptions } from "../providers/common/controller-access.js";
import type { Sandbox } from "../sandbox/sandbox.js";

/**
 * What a controller needs from a started cluster: a sandbox to run in (sharing the API server's
 * network), the API server as seen from inside, and ServiceAccount credentials.
 * Every provider's StagingCluster is one.
 */
export interface ControllerHostCluster {
  readonly runId: string;
  /** Host-side admin kubeconfig. */
  readonly kubeconfigPath: string;
  readonly sandbox: Sandbox;
  /** The run's temp dir (removed by the cluster's stop()): controllers keep their files below it. */
  readonly dir: string;
  /** The API server as seen from inside the sandbox, and its CA file. */
  readonly inside: { readonly server: string; readonly caPath: string };
  readonly failed: Promise<StagingError>;
  /** A ServiceAccount's credentials; resolves once RBAC is fully up (a cluster may still be writing its bootstrap roles while objects are applied). */
  controllerAccess(options: ControllerAccessOptions): Promise<ControllerAccess>;
}

export interface ControllerStartOptions {
  /** The manifests (already applied to the cluster): RBAC, ServiceAccounts, IngressClasses. */
  manifests: ManifestSet;
  logger: Logger;
  signal?: AbortSignal;
  /** Until /ping answers (default 60 s). */
  readyTimeoutMs?: number;
  /** Default timeout of waitSynced() (default 60 s). */
  syncTimeoutMs?: number;
}

export interface WaitSyncedOptions {
  /** Done as soon as this many routers from Kubernetes providers are listed. */
  expectRouters?: number;
  /**
   * Done as soon as a router for this host is listed (a sentinel route written after everything
   * else: see smoke/sync-sentinel.ts); routers for it are left out of the state. If it never
   * shows, the configuration must settle instead.
   */
  expectHost?: string;
  timeoutMs?: number;
}

export interface SyncState {
  /** Router names from Kubernetes providers ("web-shop@kubernetes"), sorted. */
  routers: string[];
  /** Routers the controller reports as broken (status not "enabled"), with its error messages. */
  errors: Array<{ router: string; status: string; errors: string[] }>;
  /** Milliseconds waitSynced() took. */
  elapsedMs: number;
  /** The controller listed the sync sentinel: everything written before it is loaded (not a settled guess). */
  bySentinel: boolean;
}

export interface StartedController extends AsyncDisposable {
  readonly family: ControllerFamily;
  /** "traefik/traefik" (namespace/name of the workload it stands for). */
  readonly name: string;
  /** The version actually run, e.g. "3.6.25". */
  readonly version: string;
  /** Set when the version run differs from the manifests' image tag. */
  readonly versionNote?: string;
  /** Everything staging changed or dropped from the users' configuration, one line each. */
  readonly notes: readonly string[];
  /** Route kinds the controller reads ("Ingress", "IngressRoute"): the kinds a sync sentinel may take. */
  readonly routeKinds: ReadonlySet<string>;
  /** Entrypoint name -> port on host 127.0.0.1 that forwards to it (TCP entrypoints only). */
  readonly entrypoints: Readonly<Record<string, number>>;
  /** Entrypoint name -> the port it listens on as configured (what Gateway listeners refer to). */
  readonly listenPorts: Readonly<Record<string, number>>;
  /**
   * Resolves (never rejects) with a StagingError carrying the controller's last log lines when
   * its process dies other than through restart()/stop(); stays pending otherwise. A restart()
   * after such a failure starts over with a fresh, pending promise.
   */
  readonly failed: Promise<StagingError>;
  /** Waits until the controller has loaded the cluster's routes (rejects with a StagingError on timeout). */
  waitSynced(options?: WaitSyncedOptions): Promise<SyncState>;
  /** Stops the process (SIGTERM, waits for the exit), starts it again with the same configuration, waits until synced. */
  restart(options?: WaitSyncedOptions): Promise<SyncState>;
  /** Idempotent; never throws. */
  stop(): Promise<void>;
  /** Last lines of the controller's output. */
  logs(lines?: number): string;
}

export interface IngressControllerAdapter {
  readonly family: ControllerFamily;
  /** Whether this adapter can run that controller (family, and a usable version/configuration). */
  supports(controller: IngressController): boolean;
  /** Why this adapter's family member cannot run here (said in the staged verdict), when it does not support it. */
  whyNot?(controller: IngressController): string | undefined;
  start(cluster: ControllerHostCluster, controller: IngressController, options: ControllerStartOptions): Promise<StartedController>;
  /**
   * Which endpoint objects the build staging runs for that controller reads (discovery.k8s.io
   * EndpointSlices, v1 Endpoints or both): stand-ins only write those. Both when not implemented.
   */
  endpointKinds?(controller: IngressController): ReadonlyArray<"EndpointSlice" | "Endpoints">;
}

/** The adapter for a controller, or undefined when kubegate cannot stage that controller. */
export function adapterFor(controller: IngressController, adapters: readonly IngressControllerAdapter[]): IngressControllerAdapter | undefined {
  return adapters.find((a) => a.family === controller.family && a.supports(controller));
}
