/**
 * The "k3s" provider: a single k3s server in a container (testcontainers' K3sContainer), without
 * its bundled Traefik, ServiceLB, metrics-server and endpoint controllers, wrapped as a
 * StagingCluster by stage/providers/common/external. Needs a rootful Docker engine (the container is
 * privileged and shares the host's cgroup tree).
 */
import type { StartedK3sContainer } from "@testcontainers/k3s";
import { StagingError, type Availability, type ClusterProvider, type ClusterSpec, type StagingCluster } from "../../cluster/cluster-provider.js";
import { assertRunId } from "../../cluster/run-id.js";
import { abortableStart } from "../common/docker/abortable-start.js";
import { runContainerLogs, tailsOf } from "../common/docker/container-logs.js";
import { dockerStatus, probeDockerEngine, type DockerProbe } from "../common/docker/docker-engine.js";
import { loopbackServer, withServer } from "../common/docker/kubeconfig-server.js";
import { removeRunContainers } from "../common/docker/run-containers.js";
import { startExternalCluster, waitApiReady } from "../common/external/external-cluster.js";
import { K3S_KUBERNETES_VERSION } from "./k3s-image.js";

export interface K3sProviderOptions {
  dockerProbe?: DockerProbe;
  probeTimeoutMs?: number;
  image?: string;
  /** How long the API server may take to answer /readyz once k3s logged its node sync (default 60 s). */
  readyTimeoutMs?: number;
}

export class K3sProvider implements ClusterProvider {
  readonly name = "k3s" as const;

  constructor(private readonly options: K3sProviderOptions = {}) {}

  async isAvailable(): Promise<Availability> {
    const docker = await dockerStatus(this.options.dockerProbe ?? probeDockerEngine, this.options.probeTimeoutMs);
    return docker.ok ? { available: true } : { available: false, reason: docker.reason };
  }

  async create(spec: ClusterSpec): Promise<StagingCluster> {
    assertRunId(spec.runId);
    const { runId, logger: log, signal } = spec;
    signal?.throwIfAborted();
    if (spec.kubeVersion && !K3S_KUBERNETES_VERSION.startsWith(`v${spec.kubeVersion.replace(/^v/, "")}.`)) {
      log.warn(`k3s provider: Kubernetes ${spec.kubeVersion} requested, the pinned k3s image runs ${K3S_KUBERNETES_VERSION}; using it`);
    }
    const t0 = Date.now();
    const secs = (): string => ((Date.now() - t0) / 1000).toFixed(1);
    // Loaded here: @testcontainers/k3s takes ~0.3 s to import, which detection and cleanup need not pay.
    const { K3S_API_PORT, K3sNodeContainer, k3sContainerSpec } = await import("./k3s-container.js");
    const containerSpec = k3sContainerSpec({ runId, ...(this.options.image ? { image: this.options.image } : {}) });
    let container: StartedK3sContainer | undefined;
    let handedOver = false;
    const release = async (): Promise<void> => {
      await container?.stop({ remove: true, removeVolumes: true, timeout: 10_000 }).catch(() => undefined);
      await removeRunContainers("k3s", runId).catch(() => undefined);
    };
    try {
      log.info(`k3s cluster ${runId}: starting ${containerSpec.name} (${containerSpec.image})`);
      container = await abortableStart(() => new K3sNodeContainer(containerSpec).start(), {
        ...(signal ? { signal } : {}),
        abandon: () => removeRunContainers("k3s", runId),
        dispose: (c) => c.stop(),
      });
      const kubeconfig = withServer(container.getKubeConfig(), loopbackServer(container.getMappedPort(K3S_API_PORT)));
      await waitApiReady(kubeconfig, this.options.readyTimeoutMs ?? 60_000, signal);
      log.info(`k3s cluster ${runId}: ready in ${secs()}s`);
      handedOver = true;
      return await startExternalCluster({
        provider: "k3s",
        runId,
        logger: log,
        ...(signal ? { signal } : {}),
        kubeconfig,
        release,
        collectLogs: () => runContainerLogs(runId),
      });
    } catch (err) {
      if (handedOver) throw err; // startExternalCluster released the container and reported
      const logs = await runContainerLogs(runId);
      await release();
      if (signal?.aborted) throw err;
      throw new StagingError(`k3s cluster failed to start after ${secs()}s: ${(err as Error).message}${tailsOf(logs)}`, logs, { cause: err });
    }
  }

  /** k3s containers of one run, or of every run whose owner process is gone (none when no engine answers). */
  async cleanup(runId?: string): Promise<string[]> {
    const docker = await dockerStatus(this.options.dockerProbe ?? probeDockerEngine, this.options.probeTimeoutMs);
    if (!docker.ok && docker.problem === "unreachable") return [];
    return removeRunContainers("k3s", runId);
  }
}
