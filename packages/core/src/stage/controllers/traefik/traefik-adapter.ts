/**
 * Runs the Traefik of the users' manifests as a process inside the cluster's sandbox: the build
 * matching its image tag, its own static configuration (container args, rewritten for staging by
 * traefik-args.ts), a ServiceAccount token of the cluster. Readiness is /ping; sync is the API
 * listing the routers of the Kubernetes providers.
 */
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "../../../log/logger.js";
import type { IngressController } from "../../../workloads/ingress-controllers.js";
import { StagingError } from "../../cluster/cluster-provider.js";
import type { SandboxExit, SandboxProcess } from "../../sandbox/sandbox.js";
import { describeDeath } from "../../sandbox/supervisor-fate.js";
import { ensureTool } from "../../tools/build-tool.js";
import { controllerCredentials } from "../controller-credentials.js";
import type {
  ControllerHostCluster,
  ControllerStartOptions,
  IngressControllerAdapter,
  StartedController,
  SyncState,
  WaitSyncedOptions,
} from "../ingress-controller.js";
import { rewriteTraefikArgs, STAGING_PROVIDERS_THROTTLE_MS, type EntrypointSpec, type TraefikRewrite } from "./traefik-args.js";
import { httpGet, isKubernetesRouter, listRouters, type TraefikRouter } from "./traefik-api.js";
import { chooseTraefikBuild, type TraefikBuildChoice } from "./traefik-version.js";
import { sleep } from "../../../util/sleep.js";

const POLL_MS = 100;
/**
 * Without expectRouters, the router set must stay the same this long. Staging runs Traefik with a
 * provider throttle of STAGING_PROVIDERS_THROTTLE_MS (traefik-args.ts; production's default is 2 s):
 * the window covers that throttle plus the time Traefik takes to build and apply a configuration.
 */
const STABLE_MS = STAGING_PROVIDERS_THROTTLE_MS + 800;
/**
 * How long a sync sentinel may take to show before the configuration must settle instead (a
 * copied route the controller rejects, or filters the copy does not pass). Traefik lists a new
 * route within its provider throttle plus a configuration build (~0.3 s here).
 */
const SENTINEL_MS = 3_000;
/** Polling for the sentinel asks the API for one router: cheap enough to ask often. */
const SENTINEL_POLL_MS = 25;
/** Sync sentinels' hosts end so (smoke/sync-sentinel.ts); their routers are staging's, never the users'. */
const SENTINEL_DOMAIN = ".kubegate.invalid";
/** An empty router set is accepted as synced only after this long. */
const EMPTY_GRACE_MS = 8_000;
const STOP_GRACE_MS = 10_000;

export class TraefikAdapter implements IngressControllerAdapter {
  readonly family = "traefik" as const;

  supports(controller: IngressController): boolean {
    return controller.family === "traefik" && chooseTraefikBuild(controller.version).unsupported === undefined;
  }

  whyNot(controller: IngressController): string | undefined {
    return controller.family === "traefik" ? chooseTraefikBuild(controller.version).unsupported : undefined;
  }

  /** Traefik v3's Kubernetes providers watch EndpointSlices only, v2's (2.4 and 2.11) Endpoints only. */
  endpointKinds(controller: IngressController): ReadonlyArray<"EndpointSlice" | "Endpoints"> {
    return chooseTraefikBuild(controller.version).major >= 3 ? ["EndpointSlice"] : ["Endpoints"];
  }

  async start(cluster: ControllerHostCluster, controller: IngressController, options: ControllerStartOptions): Promise<StartedController> {
    const { logger, signal } = options;
    const ref = controller.manifest.ref;
    const name = `${ref.namespace ?? "default"}/${ref.name}`;
    const t0 = Date.now();
    const choice = chooseTraefikBuild(controller.version);
    if (choice.unsupported) throw new StagingError(`${ref.kind} ${name}: ${choice.unsupported}`);
    const binary = await ensureTool(choice.tool, { log: (line) => logger.debug(line), ...(choice.buildVersion ? { version: choice.buildVersion } : {}), ...(signal ? { signal } : {}) });
    signal?.throwIfAborted();

    const credentials = await controllerCredentials(cluster, controller, options.manifests, logger);
    const stateDir = join(cluster.dir, "controllers", `traefik.${ref.namespace ?? "default"}.${ref.name}`);
    await mkdir(stateDir, { recursive: true, mode: 0o700 });
    const { args: containerArgs, notes: argNotes } = traefikContainerArgs(controller);
    const rewrite = rewriteTraefikArgs(containerArgs, {
      endpoint: credentials.access.server,
      token: credentials.access.token,
      caPath: credentials.access.caPath,
      stateDir,
      major: choice.major,
    });
    if (!rewrite.args) throw new StagingError(`${ref.kind} ${name}: ${rewrite.unsupported ?? "configuration cannot be staged"}`);
    const notes = [...(choice.note ? [choice.note] : []), ...(credentials.note ? [credentials.note] : []), ...argNotes, ...rewrite.notes];
    for (const note of notes) logger.info(`traefik ${name}: ${note}`);

    const started = new StartedTraefik(cluster, name, binary, rewrite.args, rewrite, choice, notes, stateDir, options);
    try {
      await started.open();
      logger.info(`traefik ${name}: Traefik ${choice.version} ready in ${Date.now() - t0} ms`);
      return started;
    } catch (err) {
      await started.stop();
      throw err;
    }
  }
}

/** The flags of the Traefik container: `args`, after any `command` words that follow the binary. */
export function traefikContainerArgs(controller: IngressController): { args: string[]; notes: string[] } {
  const { container } = controller;
  const notes: string[] = [];
  const command = container.command ?? [];
  const commandFlags = command.length > 0 && /(^|\/)traefik$/.test(command[0]!) ? command.slice(1) : [];
  if (command.length > 0 && commandFlags.length === 0 && !/(^|\/)traefik$/.test(command[0]!)) {
    notes.push(`container command ${JSON.stringify(command)} is not traefik: staging runs traefik with the container's args`);
  }
  const args = [...commandFlags, ...(container.args ?? [])];
  const envConfig = (container.env ?? []).filter((e) => e.name.startsWith("TRAEFIK_")).map((e) => e.name);
  if (envConfig.length > 0) {
    notes.push(
      args.length > 0
        ? `ignored ${envConfig.join(", ")}: Traefik reads environment configuration only when there are no flags`
        : `static configuration from environment variables (${envConfig.join(", ")}) is not staged`,
    );
  }
  return { args, notes };
}

class StartedTraefik implements StartedController {
  readonly family = "traefik" as const;
  /** Per process: a restart() after a crash starts with a fresh, pending promise. */
  private failure!: { promise: Promise<StagingError>; resolve: (error: StagingError) => void; error?: StagingError };
  readonly entrypoints: Record<string, number> = {};
  readonly listenPorts: Record<string, number> = {};
  private proc?: SandboxProcess;
  /** Set while a restart or stop is ending the process on purpose. */
  private expectedExit = false;
  private stopping?: Promise<void>;
  private readonly forwards: Array<{ close(): Promise<void> }> = [];
  private readonly logger: Logger;
  private generation = 0;
  private clusterFailure?: StagingError;

  constructor(
    private readonly cluster: ControllerHostCluster,
    readonly name: string,
    private readonly binary: string,
    private readonly args: string[],
    private readonly config: TraefikRewrite,
    private readonly choice: TraefikBuildChoice,
    readonly notes: readonly string[],
    private readonly stateDir: string,
    private readonly options: ControllerStartOptions,
  ) {
    this.logger = options.logger;
    this.resetFailure();
    void cluster.failed.then((e) => (this.clusterFailure = e));
  }

  get failed(): Promise<StagingError> {
    return this.failure.promise;
  }

  private resetFailure(): void {
    let resolve!: (error: StagingError) => void;
    const promise = new Promise<StagingError>((r) => (resolve = r));
    this.failure = { promise, resolve };
  }

  get routeKinds(): ReadonlySet<string> {
    const kinds = new Set<string>();
    if (this.config.providers.includes("kubernetesingress")) kinds.add("Ingress");
    if (this.config.providers.includes("kubernetescrd")) kinds.add("IngressRoute");
    return kinds;
  }

  get version(): string {
    return this.choice.version;
  }

  get versionNote(): string | undefined {
    return this.choice.note;
  }

  logs(lines?: number): string {
    return this.proc?.logs(lines) ?? "";
  }

  /** Forwards for the TCP entrypoints, then the process, then /ping. */
  async open(): Promise<void> {
    for (const ep of this.config.entrypoints) {
      if (ep.protocol !== "tcp") continue;
      const forward = await this.cluster.sandbox.forward(ep.port, ep.host);
      this.forwards.push(forward);
      this.entrypoints[ep.name] = forward.port;
      this.listenPorts[ep.name] = ep.port;
    }
    await this.launch();
  }

  private async launch(): Promise<void> {
    const generation = ++this.generation;
    this.expectedExit = false;
    if (this.failure.error) this.resetFailure();
    const proc = await this.cluster.sandbox.spawn({
      name: `traefik-${this.name.replace("/", "-")}`,
      command: this.binary,
      args: this.args,
      cwd: this.stateDir,
      onLine: (line) => this.logger.debug(`[traefik ${this.name}] ${line}`),
    });
    this.proc = proc;
    void proc.exited.then((exit) => {
      if (this.expectedExit || this.stopping || generation !== this.generation) return;
      // A dead supervisor took Traefik along: the sandbox has said so, the error names it.
      if (!exit.supervisorDied) this.logger.warn(`traefik ${this.name} died (${describeExit(exit)})`);
      const error = new StagingError(describeDeath(`Traefik ${this.version} (${this.name})`, exit, proc.logs(30)), { traefik: proc.logs() });
      this.failure.error = error;
      this.failure.resolve(error);
    });
    await this.waitReady(proc);
  }

  private async waitReady(proc: SandboxProcess): Promise<void> {
    const timeoutMs = this.options.readyTimeoutMs ?? 60_000;
    const port = this.entrypointPort(this.config.pingEntrypoint);
    const deadline = Date.now() + timeoutMs;
    let last = "no answer yet";
    let exit: SandboxExit | undefined;
    void proc.exited.then((e) => (exit = e));
    for (;;) {
      if (exit) throw this.error(`Traefik ${this.version} (${this.name}) exited before it was ready (${describeExit(exit)})`, proc);
      this.options.signal?.throwIfAborted();
      try {
        const answer = await httpGet(port, "/ping", { timeoutMs: 2_000 });
        if (answer.status === 200) return;
        last = `HTTP ${answer.status} ${answer.body.trim().slice(0, 100)}`;
      } catch (err) {
        last = (err as Error).message;
      }
      if (Date.now() > deadline) throw this.error(`Traefik ${this.version} (${this.name}) did not answer /ping within ${timeoutMs / 1000}s (last: ${last})`, proc);
      await sleep(POLL_MS);
      if (this.clusterFailure) throw this.clusterFailure;
    }
  }

  async waitSynced(options: WaitSyncedOptions = {}): Promise<SyncState> {
    const proc = this.proc;
    if (!proc || this.stopping) throw new StagingError(`Traefik ${this.name} is not running`);
    const t0 = Date.now();
    const timeoutMs = options.timeoutMs ?? this.options.syncTimeoutMs ?? 60_000;
    const port = this.entrypointPort(this.config.apiEntrypoint);
    // Traefik quotes hosts with backticks or double quotes (v3 writes Ingress rules with the latter).
    const isSentinel = (r: TraefikRouter): boolean => options.expectHost !== undefined && (r.rule?.includes(`\`${options.expectHost}\``) === true || r.rule?.includes(`"${options.expectHost}"`) === true);
    const listAll = async (): Promise<TraefikRouter[]> =>
      (await Promise.all((["http", "tcp", "udp"] as const).map((kind) => listRouters(port, this.config.apiPath, kind)))).flat().filter((r) => isKubernetesRouter(r) && !r.rule?.includes(SENTINEL_DOMAIN));
    let previous: string | undefined;
    let stableSince = t0;
    let routers: TraefikRouter[] = [];
    let last = "no answer yet";
    for (;;) {
      if (this.failure.error) throw this.failure.error;
      if (this.clusterFailure) throw this.clusterFailure;
      this.options.signal?.throwIfAborted();
      const now = Date.now();
      try {
        if (options.expectHost && now - t0 < SENTINEL_MS) {
          // Cheap while waiting (the API filters by rule); the full list once, when it shows.
          const found = await listRouters(port, this.config.apiPath, "http", options.expectHost);
          if (found.some(isSentinel)) return this.syncState(await listAll(), Date.now() - t0, true);
          last = `sentinel route ${options.expectHost} not listed yet`;
          await sleep(SENTINEL_POLL_MS);
          continue;
        }
        routers = await listAll();
        const signature = routers.map((r) => `${r.name} ${r.status ?? ""}`).sort().join("\n");
        if (signature !== previous) {
          previous = signature;
          stableSince = now;
        }
        last = `${routers.length} router(s) from Kubernetes providers`;
        const reached = options.expectRouters !== undefined && routers.length >= options.expectRouters;
        const stable = options.expectRouters === undefined && now - stableSince >= STABLE_MS && (routers.length > 0 || now - t0 >= EMPTY_GRACE_MS);
        if (reached || stable) return this.syncState(routers, Date.now() - t0);
      } catch (err) {
        last = (err as Error).message;
      }
      if (Date.now() - t0 > timeoutMs) {
        const expected = options.expectRouters !== undefined ? `${options.expectRouters} expected, ` : "";
        throw this.error(`Traefik ${this.version} (${this.name}) did not load the cluster's routes within ${timeoutMs / 1000}s (${expected}last: ${last}${routers.length ? `: ${routers.map((r) => r.name).join(", ")}` : ""})`, proc);
      }
      await sleep(POLL_MS);
    }
  }

  async restart(options: WaitSyncedOptions = {}): Promise<SyncState> {
    if (this.stopping) throw new StagingError(`Traefik ${this.name} is stopped`);
    await this.endProcess();
    await this.launch();
    return this.waitSynced(options);
  }

  stop(): Promise<void> {
    this.stopping ??= (async () => {
      await this.endProcess().catch((err: unknown) => this.logger.warn(`traefik ${this.name}: ${String(err)}`));
      await Promise.all(this.forwards.map((f) => f.close().catch(() => undefined)));
    })();
    return this.stopping;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.stop();
  }

  /** SIGTERM, wait for the exit (SIGKILL after a grace period). */
  private async endProcess(): Promise<void> {
    const proc = this.proc;
    if (!proc) return;
    this.expectedExit = true;
    await proc.kill("SIGTERM").catch(() => undefined);
    const exited = await Promise.race([proc.exited.then(() => true), sleep(STOP_GRACE_MS).then(() => false)]);
    if (!exited) {
      this.logger.warn(`traefik ${this.name}: no exit ${STOP_GRACE_MS / 1000}s after SIGTERM, killing it`);
      await proc.kill("SIGKILL").catch(() => undefined);
      await proc.exited;
    }
  }

  private syncState(routers: TraefikRouter[], elapsedMs: number, bySentinel = false): SyncState {
    return {
      bySentinel,
      routers: routers.map((r) => r.name).sort(),
      errors: routers.filter((r) => r.status !== undefined && r.status !== "enabled").map((r) => ({ router: r.name, status: r.status ?? "", errors: r.error ?? [] })),
      elapsedMs,
    };
  }

  private entrypointPort(name: string): number {
    const port = this.entrypoints[name] ?? Object.entries(this.entrypoints).find(([n]) => n.toLowerCase() === name.toLowerCase())?.[1];
    if (port === undefined) throw new StagingError(`Traefik ${this.name}: entrypoint ${name} is not a TCP entrypoint kubegate can reach (${describeEntrypoints(this.config.entrypoints)})`);
    return port;
  }

  private error(message: string, proc: SandboxProcess): StagingError {
    const tail = proc.logs(30);
    return new StagingError(`${message}${tail ? `; Traefik's last log lines:\n${tail}` : ""}`, { traefik: proc.logs() });
  }
}

function describeEntrypoints(entrypoints: readonly EntrypointSpec[]): string {
  return entrypoints.map((e) => `${e.name}=${e.address}`).join(", ");
}

function describeExit(exit: SandboxExit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}

