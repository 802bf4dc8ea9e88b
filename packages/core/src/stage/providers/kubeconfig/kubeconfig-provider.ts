/**
 * The "kubeconfig" provider: an existing cluster the user points at (a shared staging cluster,
 * one their CI already made). kubegate does not create or delete it; the run's controller and
 * stand-ins still live in a sandbox of their own (stage/providers/common/external). Never picked by
 * detection: only `--stage kubeconfig` / $KUBEGATE_CLUSTER=kubeconfig, and only on a cluster
 * that carries the throwaway marker (throwaway-marker.ts) unless the user overrides it.
 *
 * On such a cluster the endpoint controllers of kube-controller-manager run: they own the
 * Endpoints of Services with selectors and may rewrite what kubegate writes there. EndpointSlices
 * kubegate writes carry its own managed-by label and are left alone, which is what Traefik v3
 * reads; Traefik v2 reads Endpoints (noted when the run starts).
 */
import { access, constants } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { RawKubeClient } from "../../apply/raw-client.js";
import { StagingError, type Availability, type ClusterProvider, type ClusterSpec, type StagingCluster } from "../../cluster/cluster-provider.js";
import { detectUnshareMode } from "../../sandbox/unshare-mode.js";
import { startExternalCluster } from "../common/external/external-cluster.js";
import { findThrowawayMarker, refusalMessage, THROWAWAY_LABEL } from "./throwaway-marker.js";

export interface KubeconfigProviderOptions {
  /** Kubeconfig file (default: the first entry of $KUBECONFIG, else ~/.kube/config). */
  path?: string;
  /** Context to use (default: the file's current context). */
  context?: string;
  /** `--i-know-this-is-not-production`: stage even without the throwaway marker. */
  allowUnmarked?: boolean;
  env?: NodeJS.ProcessEnv;
}

export class KubeconfigProvider implements ClusterProvider {
  readonly name = "kubeconfig" as const;

  constructor(private readonly options: KubeconfigProviderOptions = {}) {}

  get path(): string {
    const env = this.options.env ?? process.env;
    return this.options.path ?? env["KUBECONFIG"]?.split(":").find(Boolean) ?? join(homedir(), ".kube", "config");
  }

  async isAvailable(): Promise<Availability> {
    try {
      await access(this.path, constants.R_OK);
    } catch {
      return { available: false, reason: `no kubeconfig at ${this.path} (pass --kubeconfig or set KUBECONFIG)` };
    }
    try {
      await detectUnshareMode();
    } catch (err) {
      return { available: false, reason: `the run's controller and stand-ins need a sandbox: ${(err as Error).message}` };
    }
    return { available: true };
  }

  async create(spec: ClusterSpec): Promise<StagingCluster> {
    const { KubeConfig } = await import("@kubernetes/client-node");
    const kc = new KubeConfig();
    try {
      // loadFromFile makes relative certificate paths absolute: the copy in the run dir keeps working.
      kc.loadFromFile(this.path);
      if (this.options.context) {
        if (!kc.getContextObject(this.options.context)) throw new Error(`context ${JSON.stringify(this.options.context)} not found (contexts: ${kc.getContexts().map((c) => c.name).join(", ") || "none"})`);
        kc.setCurrentContext(this.options.context);
      }
    } catch (err) {
      throw new StagingError(`kubeconfig ${this.path}: ${(err as Error).message}`, {}, { cause: err });
    }
    const context = kc.getCurrentContext();
    const server = kc.getCurrentCluster()?.server ?? "?";
    const client = new RawKubeClient(kc);
    try {
      const marker = await findThrowawayMarker(client);
      if (marker.marked) spec.logger.info(`kubeconfig cluster ${server}: throwaway marker ${THROWAWAY_LABEL} on namespace ${marker.namespaces.join(", ")}`);
      else if (this.options.allowUnmarked) spec.logger.warn(`kubeconfig cluster ${server} has no ${THROWAWAY_LABEL} marker; staging anyway (--i-know-this-is-not-production)`);
      else throw new StagingError(refusalMessage(server, context));
    } catch (err) {
      if (err instanceof StagingError) throw err;
      throw new StagingError(`kubeconfig cluster ${server}: ${(err as Error).message}`, {}, { cause: err });
    } finally {
      client.close();
    }
    spec.logger.info(`kubeconfig cluster ${server}: Endpoints of Services with selectors may be rewritten by the cluster's endpoints controller; kubegate's EndpointSlices are not`);
    return startExternalCluster({
      provider: "kubeconfig",
      runId: spec.runId,
      logger: spec.logger,
      ...(spec.signal ? { signal: spec.signal } : {}),
      kubeconfig: kc.exportConfig(),
      // The cluster is the user's: nothing of it is deleted; kubegate's own sandbox and run dir go with stop().
      release: async () => undefined,
    });
  }

  /** kubegate starts nothing outside its sandbox on such a cluster; sandboxes and run dirs are the local provider's cleanup. */
  async cleanup(): Promise<string[]> {
    return [];
  }
}
