/**
 * Starts the stand-in backends of a plan inside the cluster's sandbox (addresses on the stand-in
 * link, ONE echo server process for every listener) and writes the EndpointSlices/Endpoints that
 * point the Services at them.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "../../log/logger.js";
import { applyManifests } from "../apply/apply-manifests.js";
import { StagingError } from "../cluster/cluster-provider.js";
import type { Sandbox, SandboxExit, SandboxProcess } from "../sandbox/sandbox.js";
import { echoServerScript } from "./echo-entry.js";
import { ECHO_READY_LINE } from "./echo-protocol.js";
import { endpointObjects, type StandinPlan } from "./plan.js";
import { sleep } from "../../util/sleep.js";

/** What stand-ins need from a started cluster (the local provider's LocalStartedCluster is one). */
export interface StandinHostCluster {
  readonly kubeconfigPath: string;
  readonly sandbox: Sandbox;
  /** Run dir: large listener lists are passed to the echo server through a file here. */
  readonly dir: string;
}

export interface StartStandinsOptions {
  logger: Logger;
  /** Until the echo server reports every listener up (default 30 s). */
  readyTimeoutMs?: number;
  /** Certificate for listeners that controllers reach over HTTPS (PEM); without it they speak HTTP only. */
  tls?: { cert: string; key: string };
  /** Write the EndpointSlices/Endpoints (default true). */
  writeEndpoints?: boolean;
}

export interface StartedStandins extends AsyncDisposable {
  readonly plan: StandinPlan;
  /** The echo server process (undefined when the plan has no listener). */
  readonly process?: SandboxProcess;
  /** Resolves with a StagingError if the echo server dies before stop(). */
  readonly failed: Promise<StagingError>;
  logs(lines?: number): string;
  /** Ends the echo server (endpoints stay: the cluster goes away with the run). Idempotent. */
  stop(): Promise<void>;
}

/** Over this size the listener list goes through a file instead of argv. */
const MAX_ARG_BYTES = 64 * 1024;

export async function startStandins(cluster: StandinHostCluster, plan: StandinPlan, options: StartStandinsOptions): Promise<StartedStandins> {
  const { logger } = options;
  const t0 = Date.now();
  for (const note of plan.notes) logger.info(`stand-ins: ${note}`);
  // Requests are multiplexed over the supervisor's stdin: a few at a time keeps it responsive.
  const addresses = plan.services.map((s) => s.address);
  for (let i = 0; i < addresses.length; i += 16) await Promise.all(addresses.slice(i, i + 16).map((a) => cluster.sandbox.addAddress(a)));

  let proc: SandboxProcess | undefined;
  let resolveFailed!: (e: StagingError) => void;
  const failed = new Promise<StagingError>((resolve) => (resolveFailed = resolve));
  let stopping: Promise<void> | undefined;
  if (plan.listeners.length > 0) {
    const script = await echoServerScript();
    let list = JSON.stringify(plan.listeners);
    if (Buffer.byteLength(list) > MAX_ARG_BYTES) {
      const file = join(cluster.dir, "standins.json");
      await writeFile(file, list);
      list = `@${file}`;
    }
    let ready!: () => void;
    const readyLine = new Promise<void>((resolve) => (ready = resolve));
    let env: Record<string, string> | undefined;
    if (options.tls) {
      env = { KUBEGATE_ECHO_TLS_CERT: join(cluster.dir, "standins.crt"), KUBEGATE_ECHO_TLS_KEY: join(cluster.dir, "standins.key") };
      await writeFile(env.KUBEGATE_ECHO_TLS_CERT!, options.tls.cert);
      await writeFile(env.KUBEGATE_ECHO_TLS_KEY!, options.tls.key, { mode: 0o600 });
    }
    proc = await cluster.sandbox.spawn({
      name: "standins",
      command: process.execPath,
      args: [script, list],
      ...(env ? { env } : {}),
      onLine: (line) => {
        if (line.startsWith(ECHO_READY_LINE)) ready();
        logger.debug(`[standins] ${line}`);
      },
    });
    const started = proc;
    void started.exited.then((exit) => {
      if (stopping) return;
      resolveFailed(new StagingError(`stand-in echo server died (${describeExit(exit)}): ${started.logs(10)}`, { standins: started.logs() }));
    });
    const timeoutMs = options.readyTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      readyLine.then(() => "ready" as const),
      started.exited.then((exit) => exit),
      new Promise<"timeout">((resolve) => (timer = setTimeout(() => resolve("timeout"), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (outcome !== "ready") {
      const why = outcome === "timeout" ? `did not report its listeners up within ${timeoutMs / 1000}s` : `exited (${describeExit(outcome)})`;
      stopping = started.kill("SIGKILL").catch(() => undefined);
      throw new StagingError(`stand-in echo server ${why}: ${started.logs(10)}`, { standins: started.logs() });
    }
  }
  if (options.writeEndpoints ?? true) {
    const objects = endpointObjects(plan);
    if (objects.length > 0) await applyManifests(cluster.kubeconfigPath, objects, { logger });
  }
  logger.info(`stand-ins: ${plan.services.length} Service(s), ${plan.listeners.length} listener(s) in ${Date.now() - t0} ms`);
  const current = proc;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (!current) return;
      await current.kill("SIGTERM").catch(() => undefined);
      await Promise.race([current.exited, sleep(5_000)]);
      await current.kill("SIGKILL").catch(() => undefined);
    })();
    return stopping;
  };
  return {
    plan,
    ...(current ? { process: current } : {}),
    failed,
    logs: (lines?: number) => current?.logs(lines) ?? "",
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

function describeExit(exit: SandboxExit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}
