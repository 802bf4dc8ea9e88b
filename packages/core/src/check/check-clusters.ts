import { decide } from "../decide/decide.js";
import { failureText } from "../model/failure.js";
import type { Manifest, ManifestSet } from "../model/manifest.js";
import type { CheckResult } from "./check.js";

/**
 * The verdicts of several clusters of one GitOps repository as one result: every finding and change
 * carries its cluster, the decision is taken again over all of them (the worst cluster decides).
 * Manifest keys are prefixed with the cluster: the same object in two clusters is two objects.
 */
export function mergeClusterResults(results: Array<{ cluster: string; result: CheckResult }>): CheckResult {
  const first = results[0]!.result;
  const tag = <T extends object>(items: readonly T[], cluster: string): T[] => items.map((i) => ({ ...i, cluster }));
  const findings = results.flatMap((r) => tag(r.result.findings, r.cluster));
  const resolved = results.flatMap((r) => tag(r.result.resolved, r.cluster));
  const failures = results.flatMap((r) => r.result.failures.map((f) => ({ ...f, message: `${r.cluster}: ${f.message}` })));
  const decision = decide(findings, { ...first.config, gate: first.gateOn }, failures.map(failureText));
  return {
    ...first,
    ...decision,
    resolved,
    failures,
    changes: results.flatMap((r) => r.result.changes.map((c) => ({ ...c, key: `${r.cluster}|${c.key}`, cluster: r.cluster }))),
    base: mergeSets(results.map((r) => [r.cluster, r.result.base])),
    head: mergeSets(results.map((r) => [r.cluster, r.result.head])),
    clusters: results.map((r) => ({ name: r.cluster, decision: r.result.decision })),
  };
}

function mergeSets(sets: Array<[string, ManifestSet]>): ManifestSet {
  const manifests: Manifest[] = sets.flatMap(([cluster, set]) => set.manifests.map((m) => ({ ...m, key: `${cluster}|${m.key}` })));
  return { manifests, byKey: new Map(manifests.map((m) => [m.key, m])) };
}
