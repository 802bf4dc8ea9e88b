/**
 * A cluster kubegate did not start itself as processes (kind, k3s, an existing one by
 * kubeconfig), wrapped as a StagingCluster: the run still gets its own sandbox, where the
 * ingress controller and the stand-in backends run exactly as with the local provider. The
 * controller reaches the cluster's API server through a listener inside the sandbox at the same
 * address and port the kubeconfig names (so the server certificate still matches), whose
 * connections kubegate carries to the real server (Sandbox.expose).
 *
 * Why not run the controller as a pod: stand-ins must answer for every Service a route names,
 * with addresses the controller can reach and kubegate can probe; in the sandbox that holds on
 * every provider, with the same code path the tests exercise on every machine.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "../../../../log/logger.js";
import { sleep } from "../../../../util/sleep.js";
import { RawKubeClient } from "../../../apply/raw-client.js";
import { StagingError, type ProviderName, type StagingCluster } from "../../../cluster/cluster-provider.js";
import { assertRunId } from "../../../cluster/run-id.js";
import type { ControllerAccess, ControllerAccessOptions } from "../controller-access.js";
import { createRunDir, removeRunDir, removeRunSecrets } from "../run-dir.js";
import { createSandbox } from "../../../sandbox/create-sandbox.js";
import type { Sandbox } from "../../../sandbox/sandbox.js";
import { apiServerEndpoint, type ApiServerEndpoint } from "./api-server-endpoint.js";

export interface ExternalClusterOptions {
  provider: ProviderName;
  runId: string;
  logger: Logger;
  signal?: AbortSignal;
  /** Admin kubeconfig (YAML text) for this machine: its current context's server must be reachable from here. */
  kubeconfig: string;
  /**
   * Tears down what the provider started (container, kind cluster). Called exactly once by
   * stop(), after kubegate's own processes are gone; also when startExternalCluster fails.
   */
  release(): Promise<void>;
  /** The provider's own logs (e.g. container logs), for error reports. */
  collectLogs?(): Promise<Record<string, string>>;
  /** How often the API server's /livez is checked during the run (default 5 s). */
  healthIntervalMs?: number;
}

/** Consecutive failed /livez checks after which the run fails (a restart blip is not a failure). */
const HEALTH_FAILURES = 3;

export async function startExternalCluster(options: ExternalClusterOptions): Promise<StagingCluster> {
  const { runId, logger: log, signal, provider } = options;
  let released = false;
  const release = async (): Promise<void> => {
    if (released) return;
    released = true;
    await options.release();
  };
  let dir: string | undefined;
  let sandbox: Sandbox | undefined;
  try {
    assertRunId(runId);
    signal?.throwIfAborted();
    const endpoint = await apiServerEndpoint(options.kubeconfig);
    dir = await createRunDir(runId, provider);
    const kubeconfigPath = join(dir, "kubeconfig");
    const caPath = join(dir, "api-server-ca.crt");
    await writeFile(kubeconfigPath, options.kubeconfig, { mode: 0o600 });
    await writeFile(caPath, endpoint.caPem, { mode: 0o600 });

    const client = new RawKubeClient(endpoint.kubeConfig);
    let serverVersion: string;
    try {
      serverVersion = await versionOf(client);
    } finally {
      client.close();
    }
    sandbox = await createSandbox({ runId, logger: log, ...(signal ? { signal } : {}) });
    const exposed = await exposeApiServer(sandbox, endpoint);
    log.info(`${provider} cluster ${runId}: Kubernetes ${serverVersion} at ${endpoint.server}, reachable from the sandbox`);
    return new ExternalCluster(provider, runId, dir, kubeconfigPath, serverVersion, sandbox, endpoint, caPath, exposed.close, release, options);
  } catch (err) {
    await sandbox?.dispose().catch(() => undefined);
    if (dir) await removeRunDir(dir).catch(() => undefined);
    const providerLogs = (await options.collectLogs?.().catch(() => undefined)) ?? {};
    await release().catch((e: unknown) => log.warn(`${provider} cluster ${runId}: release failed: ${String(e)}`));
    if (err instanceof StagingError || signal?.aborted) throw err;
    throw new StagingError(`${provider} cluster: ${(err as Error).message}`, providerLogs, { cause: err });
  }
}

async function versionOf(client: RawKubeClient): Promise<string> {
  const answer = await client.request("GET", "/version");
  const version = answer.status === 200 ? (JSON.parse(answer.body) as { gitVersion?: string }).gitVersion : undefined;
  if (!version) throw new Error(`GET /version answered HTTP ${answer.status}: ${answer.body.slice(0, 200)}`);
  return version;
}

/**
 * Inside the sandbox the API server keeps its address: a listener at the same IP and port (a
 * name resolves to 127.0.0.1 through the sandbox's own hosts file), so TLS verification and the
 * kubeconfig's server URL are the same for the controller as for kubegate.
 */
async function exposeApiServer(sandbox: Sandbox, endpoint: ApiServerEndpoint): Promise<{ close(): Promise<void> }> {
  let insideIp = endpoint.ip ?? "127.0.0.1";
  if (endpoint.ip && !endpoint.ip.startsWith("127.")) await sandbox.addAddress(endpoint.ip);
  if (!endpoint.ip) {
    await sandbox.mapHosts([{ ip: "127.0.0.1", names: [endpoint.host] }]);
    insideIp = "127.0.0.1";
  }
  return sandbox.expose({ host: endpoint.host, port: endpoint.port }, { host: insideIp, port: endpoint.port });
}

class ExternalCluster implements StagingCluster {
  readonly failed: Promise<StagingError>;
  readonly inside: { readonly server: string; readonly caPath: string };
  private stopping?: Promise<void>;
  private healthTimer?: NodeJS.Timeout;

  constructor(
    readonly provider: ProviderName,
    readonly runId: string,
    readonly dir: string,
    readonly kubeconfigPath: string,
    readonly serverVersion: string,
    readonly sandbox: Sandbox,
    private readonly endpoint: ApiServerEndpoint,
    caPath: string,
    private readonly closeExpose: () => Promise<void>,
    private readonly release: () => Promise<void>,
    private readonly options: ExternalClusterOptions,
  ) {
    this.inside = { server: endpoint.server, caPath };
    this.failed = new Promise((resolve) => this.watchHealth(resolve));
  }

  /** Polls /livez: a cluster that goes away mid-run fails the run at once (exit 3), not by timeout. */
  private watchHealth(resolve: (error: StagingError) => void): void {
    const client = new RawKubeClient(this.endpoint.kubeConfig);
    let failures = 0;
    let last = "";
    const tick = async (): Promise<void> => {
      if (this.stopping) return client.close();
      try {
        const answer = await client.request("GET", "/livez");
        failures = answer.status === 200 ? 0 : failures + 1;
        last = `HTTP ${answer.status}`;
      } catch (err) {
        failures++;
        last = (err as Error).message;
      }
      if (this.stopping) return client.close();
      if (failures >= HEALTH_FAILURES) {
        client.close();
        resolve(new StagingError(`the ${this.provider} cluster's API server stopped answering (${failures} failed /livez checks, last: ${last})`, await this.collectLogs()));
        return;
      }
      this.healthTimer = setTimeout(() => void tick(), this.options.healthIntervalMs ?? 5_000);
      this.healthTimer.unref();
    };
    this.healthTimer = setTimeout(() => void tick(), this.options.healthIntervalMs ?? 5_000);
    this.healthTimer.unref();
  }

  async controllerAccess(options: ControllerAccessOptions): Promise<ControllerAccess> {
    const { createControllerAccess } = await import("../controller-access.js");
    return createControllerAccess(this.endpoint.kubeConfig, { dir: this.dir, server: this.inside.server, caPath: this.inside.caPath }, options);
  }

  async collectLogs(): Promise<Record<string, string>> {
    return (await this.options.collectLogs?.().catch((err: unknown) => ({ [this.provider]: `could not collect logs: ${String(err)}` }))) ?? {};
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      const log = this.options.logger;
      const t0 = Date.now();
      if (this.healthTimer) clearTimeout(this.healthTimer);
      const problems: string[] = [];
      removeRunSecrets(this.dir); // keys first: a cut-short teardown leaves none
      await this.closeExpose().catch((err: unknown) => problems.push(`api server listener: ${String(err)}`));
      await this.sandbox.dispose().catch((err: unknown) => problems.push(`sandbox: ${String(err)}`));
      await removeRunDir(this.dir).catch((err: unknown) => problems.push(`${this.dir}: ${String(err)}`));
      await this.release().catch((err: unknown) => problems.push(`${this.provider} cluster: ${String(err)}`));
      if (problems.length > 0) log.warn(`${this.provider} cluster ${this.runId}: teardown incomplete: ${problems.join("; ")} (run \`kubegate cleanup --provider ${this.provider} --run-id ${this.runId}\`)`);
      else log.debug(`${this.provider} cluster ${this.runId}: stopped in ${Date.now() - t0}ms`);
    })();
    return this.stopping;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}

/** Waits until the API server answers /readyz 200 (providers whose start returns before it does). */
export async function waitApiReady(kubeConfigText: string, timeoutMs: number, signal?: AbortSignal): Promise<void> {
  const { kubeConfig } = await apiServerEndpoint(kubeConfigText);
  const client = new RawKubeClient(kubeConfig);
  const deadline = Date.now() + timeoutMs;
  let last = "no answer yet";
  try {
    for (;;) {
      signal?.throwIfAborted();
      try {
        const answer = await client.request("GET", "/readyz");
        if (answer.status === 200) return;
        last = `HTTP ${answer.status}`;
      } catch (err) {
        last = (err as Error).message;
      }
      if (Date.now() > deadline) throw new StagingError(`API server not ready after ${timeoutMs / 1000}s (last /readyz: ${last})`);
      await sleep(500);
    }
  } finally {
    client.close();
  }
}
