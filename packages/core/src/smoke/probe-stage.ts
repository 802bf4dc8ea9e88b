/** Probing every route and explicit check of a side through the running controller, recorded per stage. */
import type { ManifestSet } from "../model/manifest.js";
import { probeAll } from "../probe/probe-all.js";
import type { ProbeTarget } from "../probe/probe-target.js";
import type { StartedController } from "../stage/controllers/index.js";
import type { CertificateAuthority } from "../stage/tls/certificate-authority.js";
import type { IngressController } from "../workloads/ingress-controllers.js";
import { planChecks, planProbes, type PlannedProbe } from "./route-targets.js";
import type { SideObjects } from "./side-objects.js";
import { toOutcome, type SmokeRouteResult, type SmokeStage, type StageOutcome } from "./smoke-route.js";
import type { SmokeOptions } from "./run-smoke.js";
import { tlsEntrypoints } from "./tls-entrypoints.js";

export async function probeStage(
  stage: SmokeStage,
  set: ManifestSet,
  controller: StartedController,
  declared: IngressController,
  side: SideObjects,
  ca: CertificateAuthority,
  results: Map<string, SmokeRouteResult>,
  options: SmokeOptions,
  refused: ReadonlyMap<string, string>,
  synced: { bySentinel: boolean },
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
    // The controller has synced before probes start: the same failing answer for this long is its answer.
    stableFailureMs: synced.bySentinel ? SENTINEL_STABLE_FAILURE_MS : STABLE_FAILURE_MS,
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
/**
 * The same after a sync the sentinel proved: the routes are loaded; this only covers the other
 * watches (Secrets, EndpointSlices) lagging the routes' own by a few milliseconds, five times the
 * staging provider throttle.
 */
const SENTINEL_STABLE_FAILURE_MS = 1_000;

/** How long a route behind a refused stand-in is retried (it is expected to fail; this only rides out a late sync). */
export const REFUSED_RETRY_MS = 2_000;

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
  const { certResolver: _r, skipped: _k, request: _q, ...rest } = p;
  return rest;
}
