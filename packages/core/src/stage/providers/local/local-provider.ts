/**
 * The "local" provider: etcd + kube-apiserver (built from Go modules by stage/tools) inside a
 * sandbox (network + PID namespace). No container runtime, no kubelet: only the API server,
 * which is what staging needs (apply manifests, let an ingress controller watch them).
 */
import { execFile } from "node:child_process";
import { access, constants, mkdir, writeFile } from "node:fs/promises";
import { StagingError, type Availability, type ClusterProvider, type ClusterSpec } from "../../cluster/cluster-provider.js";
import { assertRunId } from "../../cluster/run-id.js";
import { createSandbox } from "../../sandbox/create-sandbox.js";
import { findRunProcesses, sandboxOwners } from "../../sandbox/find-run-processes.js";
import type { Sandbox, SandboxProcess } from "../../sandbox/sandbox.js";
import { detectUnshareMode } from "../../sandbox/unshare-mode.js";
import { ensureTool, toolPath } from "../../tools/build-tool.js";
import { goBinary } from "../../tools/go-run.js";
import { KUBE_APISERVER_TOOLS, chooseKubeApiServer, type ApiServerChoice, type KubeApiServerTool } from "./kube-apiserver-choice.js";
import { apiGet, type ApiTls } from "./api-request.js";
import { INSIDE, SERVER_DNS_NAMES, SERVER_IPS, apiServerArgs, etcdArgs, runFiles, type RunFiles } from "./component-args.js";
import { writeKubeconfig } from "./kubeconfig.js";
import { LocalCluster, type LocalComponent, type LocalStartedCluster } from "./local-cluster.js";
import { createRunDir, listRunDirs, removeRunDir } from "../common/run-dir.js";
import { sleep } from "../../../util/sleep.js";

export interface LocalProviderOptions {
  /** How long kube-apiserver may take to report /readyz ok (default 120 s: a cold 2-core machine needs ~10). */
  readyTimeoutMs?: number;
}

/** Start-up hooks objects can be applied without (see whenSettled): RBAC's bootstrap roles and the system priority classes. */
const LATE_START_HOOKS = ["poststarthook/rbac/bootstrap-roles", "poststarthook/scheduling/bootstrap-system-priority-classes"];
/** /readyz is cheap; start-up is a few seconds, so a short interval is felt in every run. */
const READY_POLL_MS = 50;

export class LocalProvider implements ClusterProvider {
  readonly name = "local" as const;

  constructor(private readonly options: LocalProviderOptions = {}) {}

  async isAvailable(): Promise<Availability> {
    try {
      await detectUnshareMode();
    } catch (err) {
      return { available: false, reason: (err as Error).message };
    }
    const apiServerBuilt = (await Promise.all(KUBE_APISERVER_TOOLS.map((t) => isExecutable(toolPath(t))))).some(Boolean);
    const built = (await isExecutable(toolPath("etcd"))) && apiServerBuilt;
    if (!built && !(await hasGo())) {
      return { available: false, reason: "etcd and kube-apiserver are not built yet and `go` was not found: install Go (>= 1.24) or set KUBEGATE_GO" };
    }
    return { available: true };
  }

  async create(spec: ClusterSpec): Promise<LocalStartedCluster> {
    assertRunId(spec.runId);
    const { logger: log, runId, signal } = spec;
    const t0 = Date.now();
    const secs = (): string => ((Date.now() - t0) / 1000).toFixed(1);
    signal?.throwIfAborted();
    const apiServer = await chooseApiServer(spec.kubeVersion);
    if (apiServer.note) log.warn(`local provider: ${apiServer.note}`);
    log.info(`local provider: kube-apiserver ${apiServer.version}${spec.kubeVersion ? ` (target Kubernetes ${spec.kubeVersion})` : " (newest built)"}`);

    const [etcdBin, apiServerBin] = await this.tools(spec, apiServer.tool);
    const dir = await createRunDir(runId, this.name).catch((err: Error) => {
      throw new StagingError(`local cluster: ${err.message}`, {}, { cause: err });
    });
    const files = runFiles(dir);
    let sandbox: Sandbox | undefined;
    let cluster: LocalCluster | undefined;
    const components = new Map<LocalComponent, SandboxProcess>();
    try {
      // Independent and each a few hundred ms: certificates are made while the sandbox starts.
      const [pki, created] = await Promise.allSettled([writePki(files, runId), createSandbox({ runId, logger: log, signal })]);
      if (created.status === "fulfilled") sandbox = created.value;
      if (pki.status === "rejected") throw pki.reason;
      if (created.status === "rejected") throw created.reason;
      const tls = pki.value;
      sandbox = created.value;
      await sandbox.addAddress(INSIDE.advertiseAddress);
      components.set("etcd", await sandbox.spawn({ name: "etcd", command: etcdBin, args: etcdArgs(files), cwd: dir }));
      // Started right away: kube-apiserver retries etcd while it comes up, which overlaps both start-ups.
      components.set("kube-apiserver", await sandbox.spawn({ name: "kube-apiserver", command: apiServerBin, args: apiServerArgs(files), cwd: dir }));
      const forward = await sandbox.forward(INSIDE.apiServerPort);
      await writeKubeconfig(files.kubeconfig, {
        name: `kubegate-${runId}`,
        server: `https://127.0.0.1:${forward.port}`,
        caPem: tls.ca,
        user: { clientCertificatePem: tls.cert, clientKeyPem: tls.key },
      });
      cluster = new LocalCluster(runId, sandbox, files, components, forward.close, log);
      log.info(`local cluster ${runId}: etcd and kube-apiserver started (${secs()}s), waiting for /readyz`);
      // Objects can be applied before the API server has written its bootstrap RBAC roles and
      // priority classes (a second or so on 2 cores); controllers wait for them (whenSettled).
      await this.waitReady(forward.port, tls, cluster, signal, LATE_START_HOOKS);
      const settling = this.waitReady(forward.port, tls, cluster, signal, []);
      settling.catch(() => undefined); // awaited by whoever needs it; a run that ends first must not see it unhandled
      cluster.settled = settling;
      cluster.serverVersion = await serverVersion(forward.port, tls);
      log.info(`local cluster ${runId}: Kubernetes ${cluster.serverVersion} ready in ${secs()}s`);
      return cluster;
    } catch (err) {
      const logs: Record<string, string> = {};
      for (const [name, proc] of components) logs[name] = proc.logs();
      if (cluster) await cluster.stop();
      else {
        await sandbox?.dispose();
        await removeRunDir(dir);
      }
      if (err instanceof StagingError || signal?.aborted) throw err;
      throw new StagingError(`local cluster failed to start after ${secs()}s: ${(err as Error).message}${tailsOf(logs)}`, logs, { cause: err });
    }
  }

  /** Removes sandboxes and run dirs of one run, or of every run whose owner process is gone. */
  async cleanup(runId?: string): Promise<string[]> {
    const removed: string[] = [];
    const processes = await findRunProcesses(runId);
    for (const owner of sandboxOwners(processes)) {
      // Without a run id only orphans go: a sandbox whose kubegate is alive is in use.
      if (runId === undefined && owner.ppid > 1 && isAlive(owner.ppid)) continue;
      try {
        process.kill(-owner.pid, "SIGKILL"); // unshare and its supervisor share a process group
        removed.push(`sandbox of run ${owner.runId} (pid ${owner.pid})`);
      } catch {
        // exited meanwhile
      }
    }
    for (const { path, marker } of await listRunDirs()) {
      // Without a run id only dirs whose owning kubegate process is gone.
      if (runId !== undefined ? marker.runId !== runId : isAlive(marker.pid)) continue;
      await removeRunDir(path);
      removed.push(path);
    }
    return removed;
  }

  private async tools(spec: ClusterSpec, apiServerTool: KubeApiServerTool): Promise<[string, string]> {
    const opts = { log: (line: string) => spec.logger.info(line), ...(spec.signal ? { signal: spec.signal } : {}) };
    try {
      // One at a time: each build can take minutes of both cores.
      const etcd = await ensureTool("etcd", opts);
      const apiServer = await ensureTool(apiServerTool, opts);
      return [etcd, apiServer];
    } catch (err) {
      if (spec.signal?.aborted) throw err;
      throw new StagingError(
        `local provider needs etcd and kube-apiserver, built from Go modules into the kubegate tools dir, and could not get them: ${(err as Error).message}`,
        {},
        { cause: err },
      );
    }
  }

  private async waitReady(port: number, tls: ApiTls, cluster: LocalCluster, signal: AbortSignal | undefined, exclude: readonly string[]): Promise<void> {
    const timeoutMs = this.options.readyTimeoutMs ?? 120_000;
    const deadline = Date.now() + timeoutMs;
    let last = "no answer yet";
    let failure: StagingError | undefined;
    void cluster.failed.then((e) => (failure = e));
    for (;;) {
      if (failure) throw failure;
      signal?.throwIfAborted();
      try {
        const answer = await apiGet(port, `/readyz${exclude.length ? `?${exclude.map((c) => `exclude=${encodeURIComponent(c)}`).join("&")}` : ""}`, tls, 3_000);
        if (answer.status === 200) return;
        // A failing /readyz lists every check; the "[-]" ones say what start-up still waits for.
        const pending = answer.body.split("\n").filter((l) => l.startsWith("[-]")).map((l) => l.slice(3).replace(/ failed: reason withheld$/, ""));
        const now = `HTTP ${answer.status}, waiting for: ${pending.join(", ") || answer.body.trim().slice(0, 200)}`;
        if (now !== last) cluster.logDebug(`/readyz ${now}`);
        last = now;
      } catch (err) {
        last = (err as Error).message;
      }
      if (Date.now() > deadline) {
        const logs = await cluster.collectLogs();
        throw new StagingError(`kube-apiserver was not ready after ${timeoutMs / 1000}s (last /readyz: ${last})${tailsOf(logs)}`, logs);
      }
      await Promise.race([sleep(READY_POLL_MS), cluster.failed]);
    }
  }
}

/** Certificates and keys into the run dir; returns the admin TLS material for host-side calls. */
async function writePki(files: RunFiles, runId: string): Promise<ApiTls> {
  // Loaded lazily: @peculiar/x509 and its polyfill are only needed when a cluster starts.
  const { createClusterPki } = await import("./pki.js");
  const pki = await createClusterPki({ runId, serverDnsNames: SERVER_DNS_NAMES, serverIps: SERVER_IPS });
  await mkdir(files.certDir, { recursive: true, mode: 0o700 });
  const write = (path: string, text: string): Promise<void> => writeFile(path, text, { mode: 0o600 });
  await Promise.all((Object.keys(pki) as Array<keyof typeof pki>).map((piece) => write(files[piece], pki[piece])));
  return { ca: pki.caCert, cert: pki.adminCert, key: pki.adminKey };
}

async function serverVersion(port: number, tls: ApiTls): Promise<string> {
  const answer = await apiGet(port, "/version", tls);
  const version = (JSON.parse(answer.body) as { gitVersion?: string }).gitVersion;
  if (answer.status !== 200 || !version) throw new Error(`unexpected /version answer: HTTP ${answer.status} ${answer.body.slice(0, 200)}`);
  return version;
}

function tailsOf(logs: Record<string, string>, lines = 15): string {
  return Object.entries(logs)
    .map(([name, text]) => {
      const tail = text.split("\n").slice(-lines).join("\n").trim();
      return tail ? `\n--- last lines of ${name} ---\n${tail}` : "";
    })
    .join("");
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The API server for the target version; a bad version is a staging error, never a silent default. */
async function chooseApiServer(kubeVersion: string | undefined): Promise<ApiServerChoice> {
  const built = new Set<KubeApiServerTool>();
  for (const tool of KUBE_APISERVER_TOOLS) if (await isExecutable(toolPath(tool))) built.add(tool);
  try {
    return chooseKubeApiServer(kubeVersion, (tool) => built.has(tool));
  } catch (err) {
    throw new StagingError(`local provider: ${(err as Error).message}`, {}, { cause: err });
  }
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function hasGo(): Promise<boolean> {
  return new Promise((resolve) => execFile(goBinary(), ["version"], { timeout: 10_000 }, (err) => resolve(!err)));
}

