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
import { describeDeath } from "../sandbox/supervisor-fate.js";
import { echoServerScript } from "./echo-entry.js";
import { ECHO_LISTENER_TLS_FILE_ENV, ECHO_REFUSE_FILE_ENV, ECHO_REFUSING_LINE, ECHO_READY_LINE, ECHO_SERVING_LINE } from "./echo-protocol.js";
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
  /**
   * Makes exactly these listeners (address:port) reset every connection from now on, and the
   * others answer again; resolves once the echo server confirms. NetworkPolicy emulation.
   */
  refuse(listeners: ReadonlyArray<{ address: string; port: number }>): Promise<void>;
  /**
   * Makes exactly these listeners ("address:port") serve their own certificate (PEM) from now on,
   * the others the default one; resolves once the echo server confirms. Pods that terminate TLS.
   */
  serveCertificates(byListener: Readonly<Record<string, { cert: string; key: string }>>): Promise<void>;
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
  await cluster.sandbox.addAddresses(addresses);

  let proc: SandboxProcess | undefined;
  let resolveFailed!: (e: StagingError) => void;
  const failed = new Promise<StagingError>((resolve) => (resolveFailed = resolve));
  let stopping: Promise<void> | undefined;
  const refuseFile = join(cluster.dir, "standins-refused.json");
  const refusalAcks: Array<(line: string) => void> = [];
  const servingAcks: Array<(line: string) => void> = [];
  const listenerTlsFile = join(cluster.dir, "standins-listener-tls.json");
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
    const env: Record<string, string> = { [ECHO_REFUSE_FILE_ENV]: refuseFile, [ECHO_LISTENER_TLS_FILE_ENV]: listenerTlsFile };
    if (options.tls) {
      env["KUBEGATE_ECHO_TLS_CERT"] = join(cluster.dir, "standins.crt");
      env["KUBEGATE_ECHO_TLS_KEY"] = join(cluster.dir, "standins.key");
      await writeFile(env["KUBEGATE_ECHO_TLS_CERT"], options.tls.cert);
      await writeFile(env["KUBEGATE_ECHO_TLS_KEY"], options.tls.key, { mode: 0o600 });
    }
    proc = await cluster.sandbox.spawn({
      name: "standins",
      command: process.execPath,
      args: [script, list],
      env,
      onLine: (line) => {
        if (line.startsWith(ECHO_READY_LINE)) ready();
        if (line.startsWith(ECHO_REFUSING_LINE)) refusalAcks.shift()?.(line);
        if (line.startsWith(ECHO_SERVING_LINE)) servingAcks.shift()?.(line);
        logger.debug(`[standins] ${line}`);
      },
    });
    const started = proc;
    void started.exited.then((exit) => {
      if (stopping) return;
      resolveFailed(new StagingError(describeDeath("the stand-in echo server", exit, started.logs(10)), { standins: started.logs() }));
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
  let refusing = 0;
  const refuse = async (listeners: ReadonlyArray<{ address: string; port: number }>): Promise<void> => {
    if (!current || (listeners.length === 0 && refusing === 0)) return;
    const names = [...new Set(listeners.map((l) => `${l.address}:${l.port}`))];
    await writeFile(refuseFile, JSON.stringify(names));
    const ack = new Promise<string>((resolve) => refusalAcks.push(resolve));
    await current.kill("SIGHUP");
    let timer: NodeJS.Timeout | undefined;
    const line = await Promise.race([ack, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), 10_000)))]);
    clearTimeout(timer);
    if (line !== `${ECHO_REFUSING_LINE} ${names.length} listener(s)`) {
      throw new StagingError(`stand-in echo server did not confirm refusing ${names.length} listener(s) (got ${line ?? "nothing in 10 s"}): ${current.logs(5)}`, { standins: current.logs() });
    }
    refusing = names.length;
  };
  const serveCertificates = async (byListener: Readonly<Record<string, { cert: string; key: string }>>): Promise<void> => {
    if (!current) return;
    await writeFile(listenerTlsFile, JSON.stringify(byListener), { mode: 0o600 });
    const ack = new Promise<string>((resolve) => servingAcks.push(resolve));
    await current.kill("SIGHUP");
    let timer: NodeJS.Timeout | undefined;
    const line = await Promise.race([ack, new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), 10_000)))]);
    clearTimeout(timer);
    const expected = Object.keys(byListener).filter((k) => listenerKeys.has(k)).length;
    if (line !== `${ECHO_SERVING_LINE} ${expected} listener certificate(s)`) {
      throw new StagingError(`stand-in echo server did not confirm serving ${expected} listener certificate(s) (got ${line ?? "nothing in 10 s"}): ${current.logs(5)}`, { standins: current.logs() });
    }
  };
  const listenerKeys = new Set(plan.listeners.map((l) => `${l.address}:${l.port}`));
  return {
    plan,
    ...(current ? { process: current } : {}),
    failed,
    refuse,
    serveCertificates,
    logs: (lines?: number) => current?.logs(lines) ?? "",
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

function describeExit(exit: SandboxExit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
}
