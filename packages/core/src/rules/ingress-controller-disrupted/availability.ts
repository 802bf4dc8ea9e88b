import type { Manifest, ManifestSet } from "../../model/manifest.js";
import { matchesSelector, podTemplate, type LabelSelector } from "../../workloads/index.js";

/** Kinds whose pod count is spec.replicas; a DaemonSet runs one pod per node instead. */
const REPLICATED = new Set(["Deployment", "StatefulSet", "ReplicaSet"]);

type IntOrPercent = number | string;
type WorkloadSpec = {
  replicas?: number;
  strategy?: { type?: string; rollingUpdate?: { maxUnavailable?: IntOrPercent } };
  updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: IntOrPercent } };
};
type PdbSpec = { selector?: LabelSelector | null; minAvailable?: IntOrPercent; maxUnavailable?: IntOrPercent };

const specOf = (m: Manifest): WorkloadSpec => (m.object.spec ?? {}) as WorkloadSpec;

export function isReplicated(workload: Manifest): boolean {
  return REPLICATED.has(workload.ref.kind);
}

/** HorizontalPodAutoscalers among `manifests` that scale `workload`. */
export function autoscalersOf(workload: Manifest, manifests: Manifest[]): Manifest[] {
  return manifests.filter((m) => {
    if (m.ref.kind !== "HorizontalPodAutoscaler" || m.group !== "autoscaling" || m.ref.namespace !== workload.ref.namespace) return false;
    const target = (m.object.spec as { scaleTargetRef?: { kind?: string; name?: string } } | undefined)?.scaleTargetRef;
    return target?.kind === workload.ref.kind && target.name === workload.ref.name;
  });
}

/** The fewest pods the workload runs: an HPA's minReplicas wins over spec.replicas (default 1). */
export function minReplicas(workload: Manifest, set: ManifestSet): { count: number; from: string } {
  const hpa = autoscalersOf(workload, set.manifests)[0];
  if (hpa) return { count: (hpa.object.spec as { minReplicas?: number }).minReplicas ?? 1, from: `HorizontalPodAutoscaler ${hpa.ref.name} minReplicas` };
  return { count: specOf(workload).replicas ?? 1, from: "spec.replicas" };
}

/** PodDisruptionBudgets among `manifests` that select the workload's pods (a missing selector selects none). */
export function budgetsFor(workload: Manifest, manifests: Manifest[]): Manifest[] {
  const labels = podTemplate(workload.object)?.labels ?? {};
  return manifests.filter((m) => {
    if (m.ref.kind !== "PodDisruptionBudget" || m.group !== "policy" || m.ref.namespace !== workload.ref.namespace) return false;
    const selector = (m.object.spec as PdbSpec | undefined)?.selector;
    return selector !== undefined && selector !== null && matchesSelector(selector, labels);
  });
}

/** A budget of minAvailable 0 or maxUnavailable 100% lets a drain evict every pod: no protection. */
export function protects(pdb: Manifest): boolean {
  const spec = (pdb.object.spec ?? {}) as PdbSpec;
  if (spec.minAvailable !== undefined) return !(spec.minAvailable === 0 || spec.minAvailable === "0" || spec.minAvailable === "0%");
  if (spec.maxUnavailable !== undefined) return (percent(spec.maxUnavailable) ?? 0) < 100;
  return true;
}

/** Why one rollout can take every pod down at once, or undefined. */
export function allAtOnceRollout(workload: Manifest, set: ManifestSet): string | undefined {
  const spec = specOf(workload);
  if (workload.ref.kind === "DaemonSet") {
    const max = spec.updateStrategy?.rollingUpdate?.maxUnavailable;
    if (spec.updateStrategy?.type !== "OnDelete" && max !== undefined && (percent(max) ?? 0) >= 100) return `updateStrategy.rollingUpdate.maxUnavailable is ${String(max)}`;
    return undefined;
  }
  if (workload.ref.kind !== "Deployment") return undefined;
  if (spec.strategy?.type === "Recreate") return "strategy is Recreate";
  const max = spec.strategy?.rollingUpdate?.maxUnavailable ?? "25%";
  const { count } = minReplicas(workload, set);
  if (count < 1) return undefined;
  // Kubernetes rounds a maxUnavailable percentage down.
  const pct = percent(max);
  const unavailable = pct !== undefined ? Math.floor((count * pct) / 100) : Number(max);
  return unavailable >= count ? `strategy.rollingUpdate.maxUnavailable is ${String(max)} with ${count} replica${count === 1 ? "" : "s"}` : undefined;
}

function percent(value: IntOrPercent): number | undefined {
  return typeof value === "string" && value.endsWith("%") ? Number(value.slice(0, -1)) : undefined;
}
