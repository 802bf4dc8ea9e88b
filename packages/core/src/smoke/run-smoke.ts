import type { ExplicitCheck } from "../config/config.js";
import type { Logger } from "../log/logger.js";
import type { Finding } from "../model/finding.js";
import type { ManifestSet } from "../model/manifest.js";
import type { ProviderName, StagingCluster } from "../stage/cluster/cluster-provider.js";
import { newRunId } from "../stage/cluster/run-id.js";
import type { StartedController, SyncState } from "../stage/controllers/index.js";
import { detectProvider, type ProviderOptions } from "../stage/detect-provider.js";
import { startStandins, type StartedStandins } from "../stage/standins/start-standins.js";
import { guardRunId } from "../util/exit-guard.js";
import { FailureWatch, withLogs } from "./failure-watch.js";
import { podTlsStage } from "./pod-tls-probes.js";
import { dependencyLabel } from "./standin-needs.js";
import { emulateNetworkPolicies } from "./network-policy-emulation.js";
import { probeStage, REFUSED_RETRY_MS } from "./probe-stage.js";
import { apply, changedSinceBase, endpointsFor, prune } from "./smoke-apply.js";
import { controllerChanged, endpointKinds, startController } from "./smoke-controllers.js";
import { smokeFindings, type RejectedObject } from "./smoke-findings.js";
import { prepare, type Prepared } from "./smoke-prepare.js";
import type { SideObjects } from "./side-objects.js";
import { sentinelHost, sentinelRoute } from "./sync-sentinel.js";
import { applyManifests } from "../stage/apply/apply-manifests.js";
import type { SmokeRouteResult } from "./smoke-route.js";
import type { UnstagedController } from "./rules/staged-rule.js";

export interface SmokeOptions {
  provider?: ProviderName;
  /** Provider settings (kubeconfig path and context, the throwaway-marker override). */
  providerOptions?: ProviderOptions;
  logger: Logger;
  signal?: AbortSignal;
  /** How long each route may take to start working after an apply or restart (default 15 s). */
  settleMs?: number;
  concurrency?: number;
  /** Explicit checks from kubegate.yaml, probed at every stage like the routes. */
  checks?: readonly ExplicitCheck[];
  /** Called with the started cluster and the finished report before teardown (the decision is printed, `--keep` waits here). */
  beforeTeardown?: (cluster: { kubeconfigPath: string; runId: string }, report: SmokeReport) => Promise<void>;
  /** Target Kubernetes version ("1.34"): the cluster runs it, or the nearest the provider has. */
  kubeVersion?: string;
  /** Test hook awaited at each phase boundary, with the step's name (see cli/test-pause.ts). */
  pause?: (phase: string) => Promise<void>;
}

export interface SmokeReport {
  routes: SmokeRouteResult[];
  cluster: { provider: string; runId: string; serverVersion: string; controller?: { name: string; version: string; versionNote?: string; notes: readonly string[] } };
  timings: Record<string, number>;
  notes: string[];
  /** Last log lines of the controller when a route failed. */
  logs?: Record<string, string>;
  findings: Finding[];
  /** Declared controllers staging could not run: their routes were not proven. */
  unstaged: UnstagedController[];
  /** Staged rules that crashed (the decision is "error"). */
  failures: string[];
  /** What staging created because the manifests lack it (with the sides that rely on it), and what only head relies on (not created). */
  standins?: { stoodIn: Array<{ object: string; sides: Array<"base" | "head"> }>; headDependsOn: string[]; assumedIssuers: string[] };
}

/** What the phases of one staged run share. */
interface SmokeRun {
  base: ManifestSet;
  head: ManifestSet;
  options: SmokeOptions;
  cluster: StagingCluster;
  prepared: Prepared;
  watch: FailureWatch;
  notes: string[];
  rejected: RejectedObject[];
  results: Map<string, SmokeRouteResult>;
  /** Endpoint kinds the controllers of both sides read, and the ones written at base. */
  endpointKinds: ReadonlySet<string>;
  baseEndpoints: ReturnType<typeof endpointsFor>;
  /** Objects base could not apply ("Kind namespace/name"). */
  baseFailed: ReadonlySet<string>;
  step: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
  /** Sync sentinels written so far, and the host of the last one in the cluster (smoke/sync-sentinel.ts). */
  sentinels: number;
  sentinelHost?: string;
  controller?: StartedController;
  standins?: StartedStandins;
}

/**
 * The staged smoke test: a throwaway cluster, base applied and probed, head applied (pruning what
 * head deletes) and probed, the ingress controller restarted and everything probed again.
 * Teardown always runs; a component that dies or never gets ready raises a StagingError, which
 * the gate turns into the decision "error" (fail closed).
 */
export async function runSmoke(base: ManifestSet, head: ManifestSet, options: SmokeOptions): Promise<SmokeReport> {
  const { logger, signal } = options;
  const timings: Record<string, number> = {};
  const step = timedStep(timings, logger, signal, options.pause);
  const provider = await detectProvider({ ...(options.provider ? { name: options.provider } : {}), ...(options.providerOptions ? { providerOptions: options.providerOptions } : {}) });
  const runId = newRunId();
  // Everything that needs no cluster (the run CA, certificates, what to apply, the stand-in plan)
  // is prepared while the cluster starts.
  const preparing = prepare(base, head, runId, logger, signal);
  preparing.catch(() => undefined); // awaited below; a failed cluster start must not leave it unhandled
  // Until teardown is done, a forced exit names this run and the command that cleans it up.
  const releaseRunId = guardRunId(runId);
  logger.info(`staging run ${runId} (${provider.name} provider)`);
  const cluster = await step("create cluster", () => provider.create({ runId, logger, ...(options.kubeVersion ? { kubeVersion: options.kubeVersion } : {}), ...(signal ? { signal } : {}) })).catch((error: unknown) => {
    releaseRunId(); // create() removes what it started before it rejects
    throw error;
  });
  let run: SmokeRun | undefined;
  try {
    const prepared = await preparing;
    const kinds = endpointKinds([prepared.baseController, prepared.headController]);
    run = { base, head, options, cluster, prepared, watch: new FailureWatch([cluster.failed]), notes: [...new Set([...prepared.controllerNotes, ...prepared.plan.notes])], rejected: [], results: new Map(), endpointKinds: kinds, baseEndpoints: endpointsFor(prepared.plan, "base", kinds), baseFailed: new Set(), step, sentinels: 0 };
    await stageBase(run);
    await probePodTls(run, "base");
    await stageHead(run);
    await probePodTls(run, "head");
    const report = smokeReport(run, { provider: provider.name, runId, serverVersion: cluster.serverVersion }, timings);
    if (options.beforeTeardown) await options.beforeTeardown(cluster, report);
    return report;
  } catch (error) {
    throw withLogs(error, run?.controller, run?.standins);
  } finally {
    const t0 = Date.now();
    await options.pause?.("teardown");
    await run?.controller?.stop();
    await run?.standins?.stop();
    await options.pause?.("stop cluster");
    await cluster.stop();
    releaseRunId();
    timings["teardown"] = Date.now() - t0;
  }
}

/** A named, timed, abortable step of the run (logged with its duration). */
function timedStep(timings: Record<string, number>, logger: Logger, signal?: AbortSignal, pause?: (phase: string) => Promise<void>): SmokeRun["step"] {
  return async (name, fn) => {
    await pause?.(name);
    signal?.throwIfAborted();
    const t0 = Date.now();
    logger.info(`${name}...`);
    try {
      return await fn();
    } finally {
      timings[name] = Date.now() - t0;
      logger.info(`${name}: ${(timings[name]! / 1000).toFixed(1)}s`);
    }
  };
}

/** Base: everything applied (with the stand-ins' endpoints) while the one stand-in process for both sides starts; then probed. */
async function stageBase(run: SmokeRun): Promise<void> {
  const { prepared, step, cluster, options } = run;
  const { logger, signal } = options;
  addNotes(run, prepared.baseObjects.notes);
  const [standins, baseFailed] = await Promise.all([
    step("start stand-ins", () => startStandins(cluster, prepared.plan, { logger, writeEndpoints: false, tls: prepared.standinTls })),
    step("apply base", () => apply(cluster.kubeconfigPath, prepared.baseObjects, "base", run.rejected, run.base, run.notes, run.baseEndpoints)),
  ]);
  run.standins = standins;
  run.baseFailed = baseFailed;
  run.watch.add(standins.failed);
  const refused = await emulate(run, "base", run.base);
  const declared = prepared.baseController;
  if (!declared) return;
  const controller = await step("start ingress controller (base)", () => startController(cluster, declared, run.base, logger, signal));
  run.controller = controller;
  run.watch.add(controller.failed);
  const synced = await run.watch.race(step("sync (base)", () => syncController(run, controller, prepared.baseObjects)));
  await run.watch.race(step("probe base", () => probeStage("base", run.base, controller, declared, prepared.baseObjects, prepared.ca, run.results, options, refused, synced)));
}

/** Pods that terminate TLS themselves: their stand-ins serve each side's certificate, probed by name with SNI. */
async function probePodTls(run: SmokeRun, stage: "base" | "head"): Promise<void> {
  const { prepared, step, cluster, options } = run;
  const podTls = { plan: prepared.plan, ca: prepared.ca, sandbox: cluster.sandbox, standins: run.standins!, results: run.results, notes: run.notes, retryForMs: REFUSED_RETRY_MS, ...(options.signal ? { signal: options.signal } : {}) };
  await run.watch.race(step(`probe pods' TLS (${stage})`, () => podTlsStage(stage, stage === "base" ? run.base : run.head, run.base, podTls)));
}

/**
 * Head: applied (with endpoints of the Services base did not have), what head deletes pruned,
 * the controller swapped when its version or args changed; probed, restarted, probed again.
 */
async function stageHead(run: SmokeRun): Promise<void> {
  const { prepared, step, cluster, options } = run;
  const { logger, signal } = options;
  addNotes(run, prepared.headObjects.notes);
  // Endpoints that differ from base's: new Services, and Services whose pods or target ports changed.
  const written = new Set(run.baseEndpoints.map((o) => JSON.stringify(o)));
  const endpoints = endpointsFor(prepared.plan, "head", run.endpointKinds).filter((o) => !written.has(JSON.stringify(o)));
  await step("apply head", () => apply(cluster.kubeconfigPath, changedSinceBase(prepared.baseObjects, prepared.headObjects, run.baseFailed), "head", run.rejected, run.head, run.notes, endpoints));
  await step("prune", () => prune(cluster.kubeconfigPath, run.base, run.head, run.notes));
  const refused = await emulate(run, "head", run.head);
  const declared = prepared.headController;
  if (declared && (!run.controller || controllerChanged(prepared.baseController, declared))) {
    if (run.controller) await run.controller.stop();
    run.controller = await step("start ingress controller (head)", () => startController(cluster, declared, run.head, logger, signal));
    run.watch.add(run.controller.failed);
  }
  const controller = run.controller;
  if (!controller || !declared) return;
  const probe = (stage: "head" | "afterRestart", synced: SyncState): Promise<void> => probeStage(stage, run.head, controller, declared, prepared.headObjects, prepared.ca, run.results, options, refused, synced);
  const synced = await run.watch.race(step("sync (head)", () => syncController(run, controller, prepared.headObjects)));
  await run.watch.race(step("probe head", () => probe("head", synced)));
  // Incident 000 only showed after the controller restarted: probe once more from a cold start.
  // The sentinel written at head is still in the cluster: the restarted controller lists it once it has read everything.
  const restarted = await run.watch.race(step("restart ingress controller", () => controller.restart(run.sentinelHost ? { expectHost: run.sentinelHost } : {})));
  await run.watch.race(step("probe after restart", () => probe("afterRestart", restarted)));
}

/** Writes a sync sentinel after what was applied and waits until the controller lists it (or, without one, until its routes settle). */
async function syncController(run: SmokeRun, controller: StartedController, side: SideObjects): Promise<SyncState> {
  const host = sentinelHost(++run.sentinels);
  const sentinel = sentinelRoute(side.objects, controller.routeKinds, host);
  if (sentinel) {
    try {
      await applyManifests(run.cluster.kubeconfigPath, [sentinel]);
      run.sentinelHost = host;
    } catch (error) {
      run.options.logger.debug(`sync sentinel not written (${error instanceof Error ? error.message : String(error)}): waiting for the routes to settle instead`);
    }
  }
  return controller.waitSynced(sentinel && run.sentinelHost === host ? { expectHost: host } : {});
}

/** NetworkPolicies are emulated at the stand-ins (no CNI in staging): see network-policy-emulation.ts. */
async function emulate(run: SmokeRun, stage: "base" | "head", set: ManifestSet): Promise<ReadonlyMap<string, string>> {
  const emulation = emulateNetworkPolicies(set, run.prepared.plan);
  addNotes(run, [...emulation.notes, ...emulation.refused.map((r) => `at ${stage}: ${r.reason}`)]);
  await run.standins!.refuse(emulation.refused);
  return new Map(emulation.refused.map((r) => [r.service, r.reason]));
}

function addNotes(run: SmokeRun, notes: readonly string[]): void {
  for (const note of notes) if (!run.notes.includes(note)) run.notes.push(note);
}

function smokeReport(run: SmokeRun, cluster: { provider: string; runId: string; serverVersion: string }, timings: Record<string, number>): SmokeReport {
  const { controller } = run;
  const routes = [...run.results.values()];
  // When a route fails, the controller's own words are the best explanation: keep its last lines.
  const anyFailed = routes.some((r) => [r.base, r.head, r.afterRestart].some((o) => o && !o.ok));
  const logs = anyFailed && controller ? { controller: controller.logs(40) } : undefined;
  const { findings, failures } = smokeFindings({ routes, rejected: run.rejected, unstaged: run.prepared.unstaged, headOnly: run.prepared.standins.headOnly });
  return {
    routes,
    cluster: {
      ...cluster,
      ...(controller ? { controller: { name: controller.name, version: controller.version, ...(controller.versionNote ? { versionNote: controller.versionNote } : {}), notes: controller.notes } } : {}),
    },
    timings,
    notes: run.notes,
    ...(logs ? { logs } : {}),
    findings,
    unstaged: run.prepared.unstaged,
    failures,
    standins: standinsReport(run.prepared.standins),
  };
}

function standinsReport(decided: Prepared["standins"]): NonNullable<SmokeReport["standins"]> {
  return { stoodIn: decided.standins.map((s) => ({ object: dependencyLabel(s.key), sides: s.sides })), headDependsOn: decided.headOnly.map(dependencyLabel), assumedIssuers: decided.assumedIssuers.map(dependencyLabel) };
}
