import type { HelmContext, ReleaseRender } from "../helm/releases.js";
import type { ManifestSet } from "../model/manifest.js";
import type { RunRulesInput } from "../rules/run-rules.js";

export type Side = "base" | "head";

/**
 * One side of a change as a change to itself: no diff, no values changes. What rules report on it
 * is what that side already has (its debt), the yardstick the change's own findings are judged by.
 */
export function steadyInput(set: ManifestSet, side: Side, input: RunRulesInput): RunRulesInput {
  return {
    base: set,
    head: set,
    changes: [],
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
