import type { HelmContext, ReleaseRender } from "../helm/releases.js";
import type { Change } from "../model/change.js";
import type { ManifestSet } from "../model/manifest.js";
import type { RunRulesInput } from "../rules/run-rules.js";

export type Side = "base" | "head";

/**
 * One side of a change as a change to itself: every object "touched" by an update that changes no
 * field, no values changes. Rules that only look at what a change touches (deprecations, a
 * controller's replicas) then report everything the side already has: its debt, the yardstick the
 * change's own findings are judged by. Nothing differs, so no rule sees a deletion or a new field.
 */
export function steadyInput(set: ManifestSet, side: Side, input: RunRulesInput): RunRulesInput {
  return {
    base: set,
    head: set,
    changes: set.manifests.map((m): Change => ({ op: "update", key: m.key, base: m, head: m, fields: [], replaceReasons: [], patch: "" })),
    ...(input.options ? { options: input.options } : {}),
    ...(input.helm ? { helm: steadyHelm(input.helm, side) } : {}),
  };
}

function steadyHelm(helm: HelmContext, side: Side): HelmContext {
  const releases: ReleaseRender[] = [];
  for (const r of helm.releases) {
    const render = r[side];
    if (render) releases.push({ name: r.name, namespace: r.namespace, base: render, head: render });
  }
  return {
    releases,
    valuesChanges: [],
    values: { base: helm.values[side], head: helm.values[side] },
    chartDefaults: { base: helm.chartDefaults[side], head: helm.chartDefaults[side] },
  };
}
