import type { HelmContext, ReleaseRender } from "../helm/releases.js";
import type { Change } from "../model/change.js";
import type { ManifestSet } from "../model/manifest.js";
import type { RunRulesInput } from "../rules/run-rules.js";

export type Side = "base" | "head";

/**
 * One side of a change as a change to itself: the objects in `touched` "touched" by an update that
 * changes no field, no values changes. Rules that only look at what a change touches (deprecations,
 * a controller's replicas) then report the debt those objects already have: the yardstick the
 * change's own findings are judged by. Nothing differs, so no rule sees a deletion or a new field.
 * Only objects the change touches or has findings on matter: an object equal on both sides has the
 * same debt on both, so it is neither new nor resolved (and validating it twice more costs time).
 */
export function steadyInput(set: ManifestSet, side: Side, input: RunRulesInput, touched: ReadonlySet<string>): RunRulesInput {
  const changes: Change[] = [];
  for (const key of touched) {
    const m = set.byKey.get(key);
    if (m) changes.push({ op: "update", key, base: m, head: m, fields: [], replaceReasons: [], patch: "" });
  }
  return {
    base: set,
    head: set,
    changes,
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
