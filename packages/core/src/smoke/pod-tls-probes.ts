/**
 * Services whose pods terminate TLS themselves (incident 004's envoy sidecar) are probed directly
 * at their stand-in, not through the ingress controller: at base and at head, with SNI for every
 * name base's certificate covered. A name the certificate served at head does not cover fails
 * with the certificate's names, and becomes a `smoke-tls-mismatch` finding like a route's.
 */
import { certificateMap, coveredNames, type TlsEndpoint } from "../certificates/index.js";
import type { ManifestSet } from "../model/manifest.js";
import { probeAll } from "../probe/probe-all.js";
import type { ProbeTarget } from "../probe/probe-target.js";
import type { Sandbox } from "../stage/sandbox/sandbox.js";
import type { StandinPlan } from "../stage/standins/plan.js";
import { podTlsServing, type PodTlsServing } from "../stage/standins/pod-tls-serving.js";
import type { StartedStandins } from "../stage/standins/start-standins.js";
import type { CertificateAuthority } from "../stage/tls/certificate-authority.js";
import { sampleHost } from "./sample-path.js";
import { toOutcome, type SmokeRouteId, type SmokeRouteResult } from "./smoke-route.js";

/** Endpoints of one side where pods terminate TLS. */
export function podTlsEndpoints(set: ManifestSet): TlsEndpoint[] {
  return [...certificateMap(set).values()].filter((e) => e.terminatedBy === "pod");
}

/** "namespace/name" of every Service either side's pods terminate TLS behind: they get stand-ins. */
export function podTlsServices(base: ManifestSet, head: ManifestSet): string[] {
  return [...new Set([...podTlsEndpoints(base), ...podTlsEndpoints(head)].map((e) => `${e.service!.namespace}/${e.service!.name}`))];
}

export interface PodTlsStage {
  stage: "base" | "head";
  /** The names to probe: every name base's certificate covered, per endpoint. */
  baseEndpoints: readonly TlsEndpoint[];
  serving: PodTlsServing;
  sandbox: Pick<Sandbox, "forward">;
  ca: CertificateAuthority;
  results: Map<string, SmokeRouteResult>;
  retryForMs: number;
  signal?: AbortSignal;
}

function probeId(e: TlsEndpoint, name: string): SmokeRouteId {
  const s = e.service!;
  return {
    id: `Service ${s.namespace}/${s.name}:${s.port} ${name} (tls)`,
    source: e.manifest.ref,
    file: e.manifest.source.file,
    line: e.manifest.source.line,
    host: name,
    ...(sampleHost(name) ? { requestHost: sampleHost(name)! } : {}),
    path: "/",
    tls: true,
    entrypoint: `Service port ${s.port}, TLS ended in the pod`,
    expected: { namespace: s.namespace, service: s.name },
  };
}

/** Probes one stage and records the outcomes beside the routes'. */
export async function probePodTls(input: PodTlsStage): Promise<void> {
  const planned: Array<{ id: SmokeRouteId; target: Omit<ProbeTarget, "port">; listener: { address: string; port: number } }> = [];
  for (const before of input.baseEndpoints) {
    if (!before.certificate.visible) continue;
    const now = input.serving.listeners.find((l) => l.endpoint.key === before.key);
    if (!now) continue;
    for (const name of coveredNames(before.certificate)) {
      const id = probeId(before, name);
      planned.push({ id, listener: now, target: { label: id.id, host: id.requestHost ?? name, path: "/", tls: true, ...(id.expected ? { expected: id.expected } : {}), ...(now.issued ? { ca: input.ca.certPem } : {}) } });
    }
  }
  if (planned.length === 0) return;
  const forwards = new Map<string, Promise<{ port: number; close(): Promise<void> }>>();
  const forward = (l: { address: string; port: number }) => {
    const key = `${l.address}:${l.port}`;
    if (!forwards.has(key)) forwards.set(key, input.sandbox.forward(l.port, l.address));
    return forwards.get(key)!;
  };
  try {
    const targets = await Promise.all(planned.map(async (p) => ({ ...p.target, port: (await forward(p.listener)).port })));
    const outcomes = await probeAll(targets, { retryForMs: input.retryForMs, stableFailureMs: 1_000, timeoutMs: 3_000, concurrency: 8, ...(input.signal ? { signal: input.signal } : {}) });
    planned.forEach((p, i) => {
      const existing = input.results.get(p.id.id) ?? { ...p.id, base: null, head: null, afterRestart: null };
      existing[input.stage] = toOutcome(outcomes[i]!);
      input.results.set(p.id.id, existing);
    });
  } finally {
    await Promise.all([...forwards.values()].map(async (f) => (await f).close().catch(() => undefined)));
  }
}

/** One stage of it: the stand-ins switch to the certificates this side's pods serve, then every base name is probed. */
export async function podTlsStage(
  stage: "base" | "head",
  set: ManifestSet,
  base: ManifestSet,
  context: { plan: StandinPlan; ca: CertificateAuthority; sandbox: Pick<Sandbox, "forward">; standins: Pick<StartedStandins, "serveCertificates">; results: Map<string, SmokeRouteResult>; notes: string[]; retryForMs: number; signal?: AbortSignal },
): Promise<void> {
  const baseEndpoints = podTlsEndpoints(base);
  const endpoints = podTlsEndpoints(set);
  if (baseEndpoints.length === 0 && endpoints.length === 0) return;
  const serving = await podTlsServing(endpoints, context.plan, context.ca, stage);
  for (const note of serving.notes) if (!context.notes.includes(note)) context.notes.push(note);
  await context.standins.serveCertificates(serving.byListener);
  await probePodTls({ stage, baseEndpoints, serving, sandbox: context.sandbox, ca: context.ca, results: context.results, retryForMs: context.retryForMs, ...(context.signal ? { signal: context.signal } : {}) });
}
