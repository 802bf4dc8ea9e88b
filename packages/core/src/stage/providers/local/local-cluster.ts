/**
 * A running local cluster: etcd and kube-apiserver in one sandbox, reachable from the host
 * through a loopback forward. Watches its components so a crash fails the run at once.
 */
import type { Logger } from "../../../log/logger.js";
import { StagingError, type StagingCluster } from "../../cluster/cluster-provider.js";
import type { Sandbox, SandboxExit, SandboxProcess } from "../../sandbox/sandbox.js";
import { describeDeath } from "../../sandbox/supervisor-fate.js";
import { INSIDE_API_SERVER, type RunFiles } from "./component-args.js";
import type { ControllerAccess, ControllerAccessOptions } from "../common/controller-access.js";
import { basename } from "node:path";
import { removeRunDir, removeRunSecrets } from "../common/run-dir.js";

export type LocalComponent = "etcd" | "kube-apiserver";

/** What the local provider gives beyond the generic contract: the sandbox, for controllers and stand-ins. */
export interface LocalStartedCluster extends StagingCluster {
  readonly provider: "local";
  /** Spawn ingress controllers and stand-in backends here; they share the API server's network. */
  readonly sandbox: Sandbox;
  /** The run's temp dir (certificates, kubeconfigs, etcd data); removed by stop(). */
  readonly dir: string;
  /** How processes inside the sandbox reach the API server: endpoint and CA file. */
  readonly inside: { readonly server: string; readonly caPath: string };
  /** A component's process (to read its logs, or to kill it in tests). */
  component(name: LocalComponent): SandboxProcess;
  /** ServiceAccount token + CA + kubeconfig for a controller running inside the sandbox. */
  controllerAccess(options: ControllerAccessOptions): Promise<ControllerAccess>;
  /** Resolves when every start-up hook has finished (create() returns before RBAC's bootstrap roles are written). */
  whenSettled(): Promise<void>;
}

export function describeExit(exit: SandboxExit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}

export class LocalCluster implements LocalStartedCluster {
  readonly provider = "local" as const;
  readonly failed: Promise<StagingError>;
  readonly inside: { readonly server: string; readonly caPath: string };
  serverVersion = "";
  private stopping?: Promise<void>;
  /** Set by the provider: the API server's remaining start-up hooks (see whenSettled). */
  settled: Promise<void> = Promise.resolve();

  constructor(
    readonly runId: string,
    readonly sandbox: Sandbox,
    private readonly files: RunFiles,
    private readonly components: ReadonlyMap<LocalComponent, SandboxProcess>,
    private readonly closeForward: () => Promise<void>,
    private readonly logger: Logger,
  ) {
    this.inside = { server: INSIDE_API_SERVER, caPath: files.caCert };
    this.failed = new Promise((resolve) => {
      for (const [name, proc] of components) {
        void proc.exited.then(async (exit) => {
          if (this.stopping) return;
          const error = new StagingError(describeDeath(name, exit, proc.logs(20)), await this.collectLogs());
          if (!exit.supervisorDied) this.logger.warn(`local cluster ${runId}: ${name} died (${describeExit(exit)})`);
          resolve(error);
        });
      }
    });
  }

  /** Resolves when the API server has finished every start-up hook (create() returns before RBAC's bootstrap roles are written). */
  whenSettled(): Promise<void> {
    return this.settled;
  }

  get dir(): string {
    return this.files.dir;
  }

  get kubeconfigPath(): string {
    return this.files.kubeconfig;
  }

  /** Progress detail for --verbose. */
  logDebug(message: string): void {
    this.logger.debug(`local cluster ${this.runId}: ${message}`);
  }

  component(name: LocalComponent): SandboxProcess {
    const proc = this.components.get(name);
    if (!proc) throw new Error(`no component ${name}`);
    return proc;
  }

  async controllerAccess(options: ControllerAccessOptions): Promise<ControllerAccess> {
    // A token is only useful once RBAC's bootstrap roles exist (discovery, self reviews).
    await this.settled;
    // Loaded on demand: @kubernetes/client-node takes over a second to import on a busy machine,
    // which `kubegate cluster up` would otherwise pay before doing anything.
    const [{ KubeConfig }, { createControllerAccess }] = await Promise.all([import("@kubernetes/client-node"), import("../common/controller-access.js")]);
    const kc = new KubeConfig();
    kc.loadFromFile(this.kubeconfigPath);
    return createControllerAccess(kc, { dir: this.files.dir, server: this.inside.server, caPath: this.inside.caPath }, options);
  }

  async collectLogs(): Promise<Record<string, string>> {
    const logs: Record<string, string> = {};
    for (const [name, proc] of this.components) logs[name] = proc.logs();
    return logs;
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      const t0 = Date.now();
      const problems: string[] = [];
      // Keys first (etcd's data goes with the dir once etcd is stopped): a cut-short teardown leaves none.
      removeRunSecrets(this.files.dir, [basename(this.files.etcdData)]);
      await this.closeForward().catch((err: unknown) => problems.push(`forward: ${String(err)}`));
      await this.sandbox.dispose().catch((err: unknown) => problems.push(`sandbox: ${String(err)}`));
      await removeRunDir(this.files.dir).catch((err: unknown) => problems.push(`${this.files.dir}: ${String(err)}`));
      if (problems.length > 0) this.logger.warn(`local cluster ${this.runId}: teardown incomplete: ${problems.join("; ")} (run \`kubegate cleanup --run-id ${this.runId}\`)`);
      else this.logger.debug(`local cluster ${this.runId}: stopped in ${Date.now() - t0}ms`);
    })();
    return this.stopping;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }
}
