/**
 * The "kind" provider: a one-node kind cluster whose kube-controller-manager runs without the
 * endpoint controllers (see controller-args.ts), wrapped as a StagingCluster by
 * stage/providers/common/external. Two ways to get the node, same result:
 * - the kind CLI when it is installed (kind sets the node up, installs its CNI, waits);
 * - otherwise testcontainers: a pinned kindest/node container started like kind starts one, then
 *   `kubeadm init` in it. No CNI there: staging needs only the API server (routes are served by
 *   the controller and stand-ins in kubegate's sandbox, no pod ever runs), and kubeadm init
 *   returns once the control plane is up, without waiting for the node to be Ready.
 */
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { StartedTestContainer } from "testcontainers";
import { StagingError, type Availability, type ClusterProvider, type ClusterSpec, type StagingCluster } from "../../cluster/cluster-provider.js";
import { assertRunId } from "../../cluster/run-id.js";
import { abortableStart } from "../common/docker/abortable-start.js";
import { labelledContainerLogs, runContainerLogs, tailLines, tailsOf } from "../common/docker/container-logs.js";
import { dockerStatus, probeDockerEngine, type DockerProbe } from "../common/docker/docker-engine.js";
import { loopbackServer, withServer } from "../common/docker/kubeconfig-server.js";
import { LABEL_RUN_ID } from "../common/docker/labels.js";
import { listContainers, pidAlive, removeContainers, removeRunContainers } from "../common/docker/run-containers.js";
import { startExternalCluster, waitApiReady } from "../common/external/external-cluster.js";
import { findKind, kindClusterName, kindCreateArgs, kindDeleteArgs, parseKindVersion, runKind } from "./kind-cli.js";
import { kindClusterConfig } from "./kind-config.js";
import { KIND_NODE_IMAGE, KIND_NODE_KUBERNETES_VERSION, KIND_RELEASE } from "./kind-image.js";
import { API_SERVER_PORT, KUBEADM_CONFIG_PATH, kubeadmConfig } from "./kubeadm-config.js";
import { guardSecretDir } from "../../../util/exit-guard.js";

export interface KindProviderOptions {
  /** Asks the Docker engine (injected in tests). */
  dockerProbe?: DockerProbe;
  /** Finds the kind CLI; undefined = use testcontainers (injected in tests). */
  findKind?: () => Promise<string | undefined>;
  /** isAvailable() answers within this (default 5 s). */
  probeTimeoutMs?: number;
  /** Node image for the testcontainers path (default: the pinned kindest/node). */
  image?: string;
  /** How long the API server may take to answer /readyz after kubeadm init (default 120 s). */
  readyTimeoutMs?: number;
}

/** kind CLI runs keep their kubeconfig here; owner.json says which process owns the run (for cleanup). */
const CLI_DIR_PREFIX = "kubegate-kind-";

export class KindProvider implements ClusterProvider {
  readonly name = "kind" as const;

  constructor(private readonly options: KindProviderOptions = {}) {}

  async isAvailable(): Promise<Availability> {
    const [docker, kind] = await Promise.all([
      dockerStatus(this.options.dockerProbe ?? probeDockerEngine, this.options.probeTimeoutMs),
      (this.options.findKind ?? findKind)().catch(() => undefined),
    ]);
    if (docker.ok) return { available: true };
    if (kind && docker.problem === "rootless") return { available: true }; // kind itself supports rootless Docker
    const cli = kind ? `the kind CLI (${kind}) needs a container engine too` : "the kind CLI is not installed either";
    return { available: false, reason: `${docker.reason}; ${cli}` };
  }

  async create(spec: ClusterSpec): Promise<StagingCluster> {
    assertRunId(spec.runId);
    spec.signal?.throwIfAborted();
    if (spec.kubeVersion && !`${KIND_NODE_KUBERNETES_VERSION}.`.startsWith(`v${spec.kubeVersion.replace(/^v/, "")}.`)) {
      spec.logger.warn(`kind provider: Kubernetes ${spec.kubeVersion} requested, the pinned node image runs ${KIND_NODE_KUBERNETES_VERSION}; using it`);
    }
    const kind = await (this.options.findKind ?? findKind)();
    return kind ? this.createWithCli(kind, spec) : this.createWithContainer(spec);
  }

  /** kind clusters and node containers of one run, or of every run whose owner process is gone. */
  async cleanup(runId?: string): Promise<string[]> {
    const removed: string[] = [];
    const kind = await (this.options.findKind ?? findKind)().catch(() => undefined);
    // Containers the testcontainers path started carry kubegate's labels (and owner pid).
    removed.push(...(await removeRunContainers("kind", runId).catch(() => [])));
    // Clusters the kind CLI made carry only kind's label; their owner is in the run's dir.
    const owners = await cliRunDirs();
    // (Testcontainers-path nodes carry kind's label too, and kubegate's: those were handled above.)
    const nodes = (await listContainers("io.x-k8s.kind.cluster").catch(() => [])).filter((n) => n.labels[LABEL_RUN_ID] === undefined);
    const clusters = new Set(nodes.map((n) => n.labels["io.x-k8s.kind.cluster"] ?? "").filter((c) => c.startsWith("kubegate-")));
    for (const cluster of clusters) {
      const id = cluster.slice("kubegate-".length);
      if (runId !== undefined ? id !== runId : owners.get(id) !== undefined && pidAlive(owners.get(id)!)) continue;
      if (kind) {
        const done = await runKind(kind, kindDeleteArgs(cluster), { timeoutMs: 120_000 }).then(() => true, () => false);
        if (done) {
          removed.push(`kind cluster ${cluster}`);
          continue;
        }
      }
      removed.push(...(await removeContainers(nodes.filter((n) => n.labels["io.x-k8s.kind.cluster"] === cluster))));
    }
    for (const [id, pid] of owners) {
      if (runId !== undefined ? id !== runId : pidAlive(pid)) continue;
      await rm(cliRunDir(id), { recursive: true, force: true });
      removed.push(cliRunDir(id));
    }
    return removed;
  }

  private async createWithCli(kind: string, spec: ClusterSpec): Promise<StagingCluster> {
    const { runId, logger: log, signal } = spec;
    const t0 = Date.now();
    const name = kindClusterName(runId);
    const dir = cliRunDir(runId);
    const kubeconfigPath = join(dir, "kubeconfig");
    const configPath = join(dir, "kind-config.yaml");
    let created = false;
    let handedOver = false;
    let unguard: () => void = () => undefined;
    const release = async (): Promise<void> => {
      // Always with --name: a half-made cluster (kind killed by an abort) is deleted too.
      await runKind(kind, kindDeleteArgs(name, kubeconfigPath), { timeoutMs: 120_000 }).catch((err: Error) => log.warn(`kind cluster ${name}: delete failed: ${err.message}`));
      await rm(dir, { recursive: true, force: true });
      unguard();
    };
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      // The cluster's admin kubeconfig lands here: removed even by an exit that skips teardown.
      unguard = guardSecretDir(dir, ["owner.json"]);
      await writeFile(join(dir, "owner.json"), `${JSON.stringify({ runId, pid: process.pid })}\n`);
      const image = await cliNodeImage(kind);
      await writeFile(configPath, kindClusterConfig({ name, ...(image ? { image } : {}) }));
      log.info(`kind cluster ${runId}: kind create cluster --name ${name} (${kind}, ${image ?? "kind's default node image"})`);
      created = true;
      await runKind(kind, kindCreateArgs({ name, configPath, kubeconfigPath }), signal ? { signal } : {});
      const kubeconfig = await readFile(kubeconfigPath, "utf8");
      log.info(`kind cluster ${runId}: created in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
      handedOver = true;
      return await startExternalCluster({
        provider: "kind",
        runId,
        logger: log,
        ...(signal ? { signal } : {}),
        kubeconfig,
        release,
        collectLogs: () => nodeLogs(runId, undefined, name),
      });
    } catch (err) {
      if (handedOver) throw err; // startExternalCluster released the cluster and reported
      const logs = { ...(await nodeLogs(runId, undefined, name)), ...((err as { output?: string }).output ? { kind: (err as { output: string }).output } : {}) };
      if (created) await release();
      else await rm(dir, { recursive: true, force: true });
      if (signal?.aborted) throw err;
      throw new StagingError(`kind cluster failed to start after ${((Date.now() - t0) / 1000).toFixed(1)}s: ${(err as Error).message.split("\n")[0]}${tailsOf(logs)}`, logs, { cause: err });
    }
  }

  private async createWithContainer(spec: ClusterSpec): Promise<StagingCluster> {
    const { runId, logger: log, signal } = spec;
    const t0 = Date.now();
    const secs = (): string => ((Date.now() - t0) / 1000).toFixed(1);
    // Loaded here: testcontainers takes ~0.3 s to import, which detection and cleanup need not pay.
    const { KindNodeContainer, kindNodeContainerSpec } = await import("./node-container.js");
    const nodeSpec = kindNodeContainerSpec({ runId, ...(this.options.image ? { image: this.options.image } : {}) });
    let container: StartedTestContainer | undefined;
    const release = async (): Promise<void> => {
      await container?.stop({ remove: true, removeVolumes: true, timeout: 10_000 }).catch(() => undefined);
      await removeRunContainers("kind", runId).catch(() => undefined); // a container whose start failed half-way
    };
    let step = "starting the node container";
    let handedOver = false;
    try {
      log.info(`kind cluster ${runId}: starting node container ${nodeSpec.name} (${nodeSpec.image}, no kind CLI found)`);
      container = await abortableStart(() => new KindNodeContainer(nodeSpec).start(), {
        ...(signal ? { signal } : {}),
        abandon: () => removeRunContainers("kind", runId),
        dispose: (c) => c.stop(),
      });
      log.info(`kind cluster ${runId}: node up (${secs()}s), running kubeadm init`);
      step = "kubeadm init";
      const network = container.getNetworkNames()[0];
      const nodeAddress = network ? container.getIpAddress(network) : "";
      if (!nodeAddress) throw new Error("the node container has no IP address");
      const version = (await container.exec(["cat", "/kind/version"])).stdout.trim() || KIND_NODE_KUBERNETES_VERSION;
      await container.copyContentToContainer([
        { content: kubeadmConfig({ clusterName: kindClusterName(runId), kubernetesVersion: version, nodeName: nodeSpec.name, nodeAddress }), target: KUBEADM_CONFIG_PATH },
      ]);
      signal?.throwIfAborted();
      const init = await container.exec(["kubeadm", "init", `--config=${KUBEADM_CONFIG_PATH}`, "--skip-phases=preflight", "--skip-token-print", "--v=1"]);
      if (init.exitCode !== 0) {
        throw Object.assign(new Error(`kubeadm init exited with code ${init.exitCode}`), { output: init.output });
      }
      signal?.throwIfAborted();
      step = "reading the admin kubeconfig";
      const admin = await container.exec(["cat", "/etc/kubernetes/admin.conf"]);
      if (admin.exitCode !== 0) throw new Error(`cannot read /etc/kubernetes/admin.conf: ${admin.stderr.trim()}`);
      const kubeconfig = withServer(admin.stdout, loopbackServer(container.getMappedPort(API_SERVER_PORT)));
      step = "waiting for the API server";
      await waitApiReady(kubeconfig, this.options.readyTimeoutMs ?? 120_000, signal);
      log.info(`kind cluster ${runId}: control plane ready in ${secs()}s`);
      const started = container;
      handedOver = true;
      return await startExternalCluster({
        provider: "kind",
        runId,
        logger: log,
        ...(signal ? { signal } : {}),
        kubeconfig,
        release,
        collectLogs: () => nodeLogs(runId, started),
      });
    } catch (err) {
      if (handedOver) throw err; // startExternalCluster released the node and reported
      const logs = await nodeLogs(runId, container);
      const output = (err as { output?: string }).output;
      if (output) logs["kubeadm init"] = output;
      await release();
      if (signal?.aborted) throw err;
      throw new StagingError(`kind cluster failed after ${secs()}s (${step}): ${(err as Error).message}${tailsOf(logs)}`, logs, { cause: err });
    }
  }
}

/**
 * Node images are built per kind release ("use these exact images"): the pinned 1.34 image only
 * with the kind release it was built for; with any other kind, that kind's own default image.
 * $KUBEGATE_KIND_IMAGE overrides both.
 */
async function cliNodeImage(kind: string): Promise<string | undefined> {
  const override = process.env["KUBEGATE_KIND_IMAGE"];
  if (override) return override;
  const version = await runKind(kind, ["version"], { timeoutMs: 10_000 }).then((r) => parseKindVersion(r.stdout), () => undefined);
  return version === KIND_RELEASE ? KIND_NODE_IMAGE : undefined;
}

function cliRunDir(runId: string): string {
  return join(tmpdir(), `${CLI_DIR_PREFIX}${runId}`);
}

/** run id -> owner pid of every kind CLI run dir on this machine. */
async function cliRunDirs(): Promise<Map<string, number>> {
  const owners = new Map<string, number>();
  for (const entry of await readdir(tmpdir()).catch(() => [] as string[])) {
    if (!entry.startsWith(CLI_DIR_PREFIX)) continue;
    try {
      const owner = JSON.parse(await readFile(join(tmpdir(), entry, "owner.json"), "utf8")) as { runId?: string; pid?: number };
      if (typeof owner.runId === "string" && typeof owner.pid === "number") owners.set(owner.runId, owner.pid);
    } catch {
      // not ours
    }
  }
  return owners;
}

/** The node container's log, and the kubelet's journal from inside it (where the static pods' failures show). */
async function nodeLogs(runId: string, container?: StartedTestContainer, kindCluster?: string): Promise<Record<string, string>> {
  const logs = await runContainerLogs(runId);
  // kind CLI nodes carry kind's label, not kubegate's.
  if (kindCluster) Object.assign(logs, await labelledContainerLogs(`io.x-k8s.kind.cluster=${kindCluster}`));
  if (container) {
    const kubelet = await container.exec(["journalctl", "-u", "kubelet", "--no-pager", "-n", "100"]).catch((err: Error) => ({ output: `(journalctl failed: ${err.message})` }));
    logs["kubelet"] = tailLines(kubelet.output, 100);
  }
  return logs;
}
