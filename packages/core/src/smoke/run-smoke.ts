import type { KubernetesObject } from "@kubernetes/client-node";
import type { ExplicitCheck } from "../config/config.js";
import type { Logger } from "../log/logger.js";
import type { Finding } from "../model/finding.js";
import type { KubeObject } from "../model/kube-object.js";
import type { ManifestSet } from "../model/manifest.js";
import { probeAll } from "../probe/probe-all.js";
import type { ProbeTarget } from "../probe/probe-target.js";
import { ApplyError, applyManifests, describeObject, type ApplyFailure } from "../stage/apply/apply-manifests.js";
import { deleteObjects } from "../stage/apply/delete-objects.js";
import { StagingError, type ProviderName, type StagingCluster } from "../stage/cluster/cluster-provider.js";
import { newRunId } from "../stage/cluster/run-id.js";
import { adapterFor, TraefikAdapter, type IngressControllerAdapter, type StartedController } from "../stage/controllers/index.js";
import { detectProvider, type ProviderOptions } from "../stage/detect-provider.js";
import { endpointObjects, planStandins } from "../stage/standins/plan.js";
import { startStandins, type StartedStandins } from "../stage/standins/start-standins.js";
import { createCertificateAuthority, type CertificateAuthority } from "../stage/tls/certificate-authority.js";
import { findIngressControllers, type IngressController } from "../workloads/ingress-controllers.js";
import { defaultController, DEFAULT_TRAEFIK_IMAGE } from "./default-controller.js";
import { emulateNetworkPolicies } from "./network-policy-emulation.js";
import { gatewayCrdNote, shipsGatewayCrds, usesGatewayApi } from "./gateway-api.js";
import { gatewayApiCrds } from "../stage/tools/gateway-api-crds.js";
import { planChecks, planProbes, type PlannedProbe } from "./route-targets.js";
import { sideObjects, type SideObjects } from "./side-objects.js";
import { smokeFindings, type RejectedObject } from "./smoke-findings.js";
import { toOutcome, type SmokeRouteResult, type SmokeStage, type StageOutcome } from "./smoke-route.js";
import { tlsEntrypoints } from "./tls-entrypoints.js";
import { unionSet } from "./union-set.js";

export interface SmokeOptions {
  provider?: ProviderName;
  /** Provider settings (kubeconfig path and context, the throwaway-marker override). */
  providerOptions?: ProviderOptions;
  /** Target Kubernetes version ("1.34"): the cluster runs it, or the nearest the provider has. */
  kubeVersion?: string;
  logger: Logger;
  signal?: AbortSignal;
  /** How long each route may take to start working after an apply or restart (default 15 s). */
  settleMs?: number;
  concurrency?: number;
  /** Explicit checks from kubegate.yaml, probed at every stage like the routes. */
  checks?: readonly ExplicitCheck[];
  /** Called with the started cluster before teardown (`--keep` waits here until Ctrl-C). */
  beforeTeardown?: (cluster: { kubeconfigPath: string; runId: string }) => Promise<void>;
}

export interface SmokeReport {
  routes: SmokeRouteResult[];
  cluster: { provider: string; runId: string; serverVersion: string; controller?: { name: string; version: string; versionNote?: string; notes: readonly string[] } };
  timings: Record<string, number>;
  notes: string[];
  /** Last log lines of the controller when a route failed. */
  logs?: Record<string, string>;
  findings: Finding[];
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
  const notes: string[] = [];
  const step = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
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

  const provider = await detectProvider({ ...(options.provider ? { name: options.provider } : {}), ...(options.providerOptions ? { providerOptions: options.providerOptions } : {}) });
  const runId = newRunId();
  // Everything that needs no cluster (the run CA, certificates, what to apply, the stand-in plan)
  // is prepared while the cluster starts.
  const prepared = prepare(base, head, runId, logger, signal);
  prepared.catch(() => undefined); // awaited below; a failed cluster start must not leave it unhandled
  const cluster = (await step("create cluster", () => provider.create({ runId, logger, ...(options.kubeVersion ? { kubeVersion: options.kubeVersion } : {}), ...(signal ? { signal } : {}) })));
  let controller: StartedController | undefined;
  let standins: StartedStandins | undefined;
  try {
    const watch = new FailureWatch([cluster.failed]);
    const { ca, baseController, headController, controllerNotes, baseObjects, headObjects, plan, standinTls } = await prepared;
    notes.push(...controllerNotes);
    const rejected: RejectedObject[] = [];
    const results = new Map<string, SmokeRouteResult>();

    // Base: everything applied (with the stand-ins' endpoints), while the one stand-in process for
    // the services of both sides starts.
    notes.push(...baseObjects.notes);
    const kinds = endpointKinds([baseController, headController]);
    const baseEndpoints = endpointsFor(plan, base, kinds);
    const [startedStandins] = await Promise.all([
      step("start stand-ins", () => startStandins(cluster, plan, { logger, writeEndpoints: false, tls: standinTls })),
      step("apply base", () => apply(cluster.kubeconfigPath, baseObjects, "base", rejected, base, notes, baseEndpoints)),
    ]);
    standins = startedStandins;
    watch.add(standins.failed);
    // NetworkPolicies are emulated at the stand-ins (no CNI in staging): see network-policy-emulation.ts.
    const emulate = async (stage: "base" | "head", set: ManifestSet): Promise<ReadonlyMap<string, string>> => {
      const emulation = emulateNetworkPolicies(set, plan);
      for (const note of [...emulation.notes, ...emulation.refused.map((r) => `at ${stage}: ${r.reason}`)]) if (!notes.includes(note)) notes.push(note);
      await startedStandins.refuse(emulation.refused);
      return new Map(emulation.refused.map((r) => [r.service, r.reason]));
    };
    const baseRefused = await emulate("base", base);

    if (baseController) {
      controller = await step("start ingress controller (base)", () => startController(cluster, baseController, base, logger, signal));
      watch.add(controller.failed);
      await watch.race(step("sync (base)", () => controller!.waitSynced()));
      await watch.race(step("probe base", () => probeStage("base", base, controller!, baseController, baseObjects, ca, results, options, baseRefused)));
    }

    // Head: apply (with endpoints of the Services base did not have), prune what head deletes,
    // swap the controller when its version or args changed.
    notes.push(...headObjects.notes.filter((n) => !notes.includes(n)));
    const written = new Set(baseEndpoints.map(describeObject));
    await step("apply head", () => apply(cluster.kubeconfigPath, headObjects, "head", rejected, head, notes, endpointsFor(plan, head, kinds).filter((o) => !written.has(describeObject(o)))));
    await step("prune", () => prune(cluster.kubeconfigPath, base, head, notes));
    const headRefused = await emulate("head", head);
    if (headController && (!controller || controllerChanged(baseController, headController))) {
      if (controller) await controller.stop();
      controller = await step("start ingress controller (head)", () => startController(cluster, headController, head, logger, signal));
      watch.add(controller.failed);
    }
    if (controller && headController) {
      await watch.race(step("sync (head)", () => controller!.waitSynced()));
      await watch.race(step("probe head", () => probeStage("head", head, controller!, headController, headObjects, ca, results, options, headRefused)));
      // Incident 000 only showed after the controller restarted: probe once more from a cold start.
      await watch.race(step("restart ingress controller", () => controller!.restart()));
      await watch.race(step("probe after restart", () => probeStage("afterRestart", head, controller!, headController, headObjects, ca, results, options, headRefused)));
    }

    const routes = [...results.values()];
    // When a route fails, the controller's own words are the best explanation: keep its last lines.
    const anyFailed = routes.some((r) => [r.base, r.head, r.afterRestart].some((o) => o && !o.ok));
    const logs = anyFailed && controller ? { controller: controller.logs(40) } : undefined;
    if (options.beforeTeardown) await options.beforeTeardown(cluster);
    return {
      routes,
      cluster: {
        provider: provider.name,
        runId,
        serverVersion: cluster.serverVersion,
        ...(controller ? { controller: { name: controller.name, version: controller.version, ...(controller.versionNote ? { versionNote: controller.versionNote } : {}), notes: controller.notes } } : {}),
      },
      timings,
      notes,
      ...(logs ? { logs } : {}),
      findings: smokeFindings(routes, rejected),
    };
  } catch (error) {
    throw withLogs(error, controller, standins);
  } finally {
    const t0 = Date.now();
    await controller?.stop();
    await standins?.stop();
    await cluster.stop();
    timings["teardown"] = Date.now() - t0;
  }
}

interface Prepared {
  ca: CertificateAuthority;
  baseController: IngressController | undefined;
  headController: IngressController | undefined;
  controllerNotes: string[];
  baseObjects: SideObjects;
  headObjects: SideObjects;
  plan: ReturnType<typeof planStandins>;
  standinTls: Awaited<ReturnType<CertificateAuthority["issue"]>>;
}

/** What the run needs that no cluster is needed for: CA, controllers, objects of both sides, stand-in plan. */
async function prepare(base: ManifestSet, head: ManifestSet, runId: string, logger: Logger, signal?: AbortSignal): Promise<Prepared> {
  const controllerNotes: string[] = [];
  const ca = await createCertificateAuthority({ name: `kubegate-run-${runId}` });
  let baseController = pickController(base, controllerNotes);
  let headController = pickController(head, []);
  const gatewayApi = usesGatewayApi([base, head]);
  if (!baseController && !headController) {
    baseController = headController = defaultController({ crdProvider: [...base.manifests, ...head.manifests].some((m) => m.group === "traefik.io"), gatewayProvider: gatewayApi });
    controllerNotes.push(`the manifests declare no ingress controller: staging runs a stock Traefik (${DEFAULT_TRAEFIK_IMAGE}, Ingress and CRD providers) in place of the cluster's`);
  }
  const plan = planStandins(unionSet(base, head));
  const crds = gatewayApi && !shipsGatewayCrds([base, head]) ? await gatewayStandInCrds(controllerNotes, logger, signal) : [];
  const [baseObjects, headObjects, standinTls] = await Promise.all([
    sideObjects(base, ca, baseController?.manifest.ref.namespace, ingressClassController(baseController ?? headController), { crds }),
    sideObjects(head, ca, headController?.manifest.ref.namespace, ingressClassController(headController ?? baseController), { crds }),
    ca.issue({ subject: "CN=kubegate-standin", usage: "server", ips: plan.services.map((x) => x.address) }),
  ]);
  return { ca, baseController, headController, controllerNotes, baseObjects, headObjects, plan, standinTls };
}

/**
 * The Gateway API CRDs clusters get from their platform. Without them no Gateway object could be
 * staged and every HTTPRoute would fail for a reason that is not the change's: staging fails
 * closed instead, saying what is missing.
 */
async function gatewayStandInCrds(notes: string[], logger: Logger, signal?: AbortSignal): Promise<KubeObject[]> {
  try {
    const crds = await gatewayApiCrds({ log: (line) => logger.info(line), ...(signal ? { signal } : {}) });
    notes.push(gatewayCrdNote());
    return crds;
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new StagingError(
      `the manifests use the Gateway API without shipping its CRDs, and staging could not fetch them from the Go module proxy (needs Go, like the tools): ${(error as Error).message.split("\n")[0]}`,
      {},
      { cause: error },
    );
  }
}

/** Controllers staging can run, Traefik first (one adapter per folder under stage/controllers). */
const ADAPTERS: readonly IngressControllerAdapter[] = [new TraefikAdapter()];

function pickController(set: ManifestSet, notes: string[]): IngressController | undefined {
  const controllers = findIngressControllers(set).filter((c) => adapterFor(c, ADAPTERS) !== undefined);
  if (controllers.length > 1) notes.push(`several ingress controllers (${controllers.map((c) => c.manifest.ref.name).join(", ")}): staging runs ${controllers[0]!.manifest.ref.name}`);
  return controllers[0];
}

async function startController(cluster: StagingCluster, controller: IngressController, set: ManifestSet, logger: Logger, signal?: AbortSignal): Promise<StartedController> {
  return adapterFor(controller, ADAPTERS)!.start(cluster, controller, { manifests: set, logger, ...(signal ? { signal } : {}) });
}

/** The IngressClass `spec.controller` value of the staged controller's family. */
function ingressClassController(controller: IngressController | undefined): string | undefined {
  return controller?.family === "traefik" ? "traefik.io/ingress-controller" : undefined;
}

function controllerChanged(a: IngressController | undefined, b: IngressController): boolean {
  return !a || a.image !== b.image || JSON.stringify(a.container.args ?? []) !== JSON.stringify(b.container.args ?? []);
}

/**
 * Applies a side; objects the API server rejects become findings, not crashes. A custom resource
 * whose CRD the repository does not ship (cert-manager's, installed elsewhere) cannot be staged:
 * that is a note, not a rejection of the change.
 */
async function apply(kubeconfig: string, side: SideObjects, stage: "base" | "head", rejected: RejectedObject[], set: ManifestSet, notes: string[], endpoints: KubernetesObject[]): Promise<void> {
  // Endpoints first: a running controller then sees a new Service's backends with its route.
  // Endpoints the manifests write themselves are overwritten afterwards (the stand-in answers).
  const standinEndpoints = new Set(endpoints.map(describeObject));
  const written = new Set(side.objects.map(describeObject));
  const after = endpoints.filter((o) => written.has(describeObject(o)));
  const failures: ApplyFailure[] = [];
  for (const batch of [[...endpoints.filter((o) => !written.has(describeObject(o))), ...(side.objects as KubernetesObject[])], after]) {
    if (batch.length === 0) continue;
    try {
      await applyManifests(kubeconfig, batch);
    } catch (error) {
      if (!(error instanceof ApplyError)) throw error;
      failures.push(...error.failures);
    }
  }
  for (const failure of failures) {
    if (standinEndpoints.has(failure.object) && !written.has(failure.object)) {
      notes.push(`stand-in endpoints ${failure.object}: ${failure.message}`);
      continue;
    }
    const manifest = set.manifests.find((m) => `${m.ref.kind} ${m.ref.namespace ? `${m.ref.namespace}/` : ""}${m.ref.name}` === failure.object);
    if (manifest && /does not serve/.test(failure.message) && !crdShipped(set, manifest)) {
      const note = `${manifest.ref.kind} (${manifest.ref.apiVersion}) is not installed in staging and its CRD is not in the manifests: ${failure.object} was not staged`;
      if (!notes.includes(note)) notes.push(note);
      continue;
    }
    rejected.push({ resource: manifest?.ref ?? { apiVersion: "v1", kind: failure.object.split(" ")[0] ?? "?", name: failure.object }, ...(manifest ? { file: manifest.source.file, line: manifest.source.line } : {}), message: failure.message, stage });
  }
}

function crdShipped(set: ManifestSet, m: { ref: { kind: string; apiVersion: string } }): boolean {
  const group = m.ref.apiVersion.split("/")[0];
  return set.manifests.some((c) => c.ref.kind === "CustomResourceDefinition" && (c.object.spec as { group?: string; names?: { kind?: string } } | undefined)?.group === group && (c.object.spec as { names?: { kind?: string } }).names?.kind === m.ref.kind);
}

async function prune(kubeconfig: string, base: ManifestSet, head: ManifestSet, notes: string[]): Promise<void> {
  const gone = base.manifests.filter((m) => !head.byKey.has(m.key)).map((m) => m.object as KubernetesObject);
  if (gone.length === 0) return;
  const { failures } = await deleteObjects(kubeconfig, gone);
  for (const f of failures) notes.push(`could not delete ${f.object}: ${f.message}`);
}

/** Endpoints pointing the Services the side declares at their stand-ins (of the kinds the staged controllers read). */
function endpointsFor(plan: ReturnType<typeof planStandins>, set: ManifestSet, kinds: ReadonlySet<string>): KubernetesObject[] {
  const present = { ...plan, services: plan.services.filter((s) => set.byKey.has(`/Service/${s.namespace}/${s.name}`)) };
  return (endpointObjects(present) as KubernetesObject[]).filter((o) => kinds.has(o.kind ?? ""));
}

/** EndpointSlices, Endpoints or both: what the controllers of base and head read (a thousand objects fewer per thousand Services). */
function endpointKinds(controllers: ReadonlyArray<IngressController | undefined>): ReadonlySet<string> {
  const kinds = new Set<string>();
  for (const c of controllers) {
    if (!c) continue;
    const adapter = adapterFor(c, ADAPTERS);
    for (const k of adapter?.endpointKinds?.(c) ?? ["EndpointSlice", "Endpoints"]) kinds.add(k);
  }
  return kinds.size > 0 ? kinds : new Set(["EndpointSlice", "Endpoints"]);
}

async function probeStage(
  stage: SmokeStage,
  set: ManifestSet,
  controller: StartedController,
  declared: IngressController,
  side: SideObjects,
  ca: CertificateAuthority,
  results: Map<string, SmokeRouteResult>,
  options: SmokeOptions,
  refused: ReadonlyMap<string, string>,
): Promise<void> {
  const entrypoints = Object.keys(controller.entrypoints).filter((e) => e !== "traefik" && e !== "metrics");
  const tlsNames = tlsEntrypoints(declared, entrypoints);
  const planned = [...planProbes(set, entrypoints, tlsNames, controller.listenPorts), ...planChecks(options.checks ?? [], entrypoints, tlsNames)];
  const runnable = planned.filter((p) => !p.skipped);
  const targets: ProbeTarget[] = runnable.map((p) => ({
    label: p.id,
    host: p.requestHost ?? p.host,
    path: p.path,
    tls: p.tls,
    port: controller.entrypoints[p.entrypoint]!,
    ...(p.expected ? { expected: p.expected } : {}),
    ...(expectsRunCa(p, side) ? { ca: ca.certPem } : {}),
    ...(p.request?.headers ? { headers: p.request.headers } : {}),
    ...(p.request?.expectStatus !== undefined ? { expectStatus: p.request.expectStatus } : {}),
    ...(p.request?.expectHeaders ? { expectHeaders: p.request.expectHeaders } : {}),
    // Behind an emulated NetworkPolicy the stand-in refuses on purpose: a short window suffices.
    ...(p.expected && refused.has(`${p.expected.namespace}/${p.expected.service}`) ? { retryForMs: REFUSED_RETRY_MS } : {}),
  }));
  const outcomes = await probeAll(targets, {
    concurrency: options.concurrency ?? 16,
    retryForMs: options.settleMs ?? 15_000,
    // The controller has synced before probes start: the same answer for 4 s is its answer.
    stableFailureMs: STABLE_FAILURE_MS,
    timeoutMs: 3_000,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  runnable.forEach((p, i) => {
    const outcome = toOutcome(outcomes[i]!);
    // A failure behind an emulated NetworkPolicy says so: the stand-in refused on purpose.
    const reason = p.expected ? refused.get(`${p.expected.namespace}/${p.expected.service}`) : undefined;
    record(results, p, stage, !outcome.ok && reason ? { ...outcome, networkPolicy: reason } : outcome);
  });
  for (const p of planned.filter((x) => x.skipped)) record(results, p, stage, undefined);
}

/** How long an identical failing answer must persist before it is the verdict (several sync windows of 1.2 s). */
const STABLE_FAILURE_MS = 4_000;

/** How long a route behind a refused stand-in is retried (it is expected to fail; this only rides out a late sync). */
const REFUSED_RETRY_MS = 2_000;

/** Certificates kubegate issued chain to the run CA; shipped Secrets are only checked for the host. */
function expectsRunCa(p: PlannedProbe, side: SideObjects): boolean {
  if (!p.tls) return false;
  if (p.tlsSecret) return side.issuedSecrets.has(p.tlsSecret);
  return p.certResolver !== undefined && side.acmeDefault !== undefined;
}

function record(results: Map<string, SmokeRouteResult>, p: PlannedProbe, stage: SmokeStage, outcome: StageOutcome | undefined): void {
  const existing = results.get(p.id) ?? { ...withoutPlanFields(p), base: null, head: null, afterRestart: null };
  if (p.skipped) existing.skipped = p.skipped;
  if (outcome) existing[stage] = outcome;
  results.set(p.id, existing);
}

function withoutPlanFields(p: PlannedProbe): Omit<SmokeRouteResult, "base" | "head" | "afterRestart"> {
  const { tlsSecret: _s, certResolver: _r, skipped: _k, request: _q, ...rest } = p;
  return rest;
}

/** A dying component ends the run at once instead of letting a step wait for its timeout. */
class FailureWatch {
  private readonly failures: Array<Promise<StagingError>>;
  constructor(initial: Array<Promise<StagingError>>) {
    this.failures = [...initial];
  }
  add(p: Promise<StagingError>): void {
    this.failures.push(p);
  }
  async race<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, ...this.failures.map((f) => f.then((e) => Promise.reject(e)))]);
  }
}

function withLogs(error: unknown, controller: StartedController | undefined, standins: StartedStandins | undefined): unknown {
  if (!(error instanceof StagingError)) return error;
  const logs = { ...error.logs };
  if (controller && !logs["controller"]) logs["controller"] = controller.logs(30);
  if (standins && !logs["stand-ins"]) logs["stand-ins"] = standins.logs(10);
  return new StagingError(error.message, logs, { cause: error.cause });
}

