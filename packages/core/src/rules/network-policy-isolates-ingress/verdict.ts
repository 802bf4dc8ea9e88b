import type { ManifestSet } from "../../model/manifest.js";
import { CALICO_GROUPS } from "./calico-policy.js";
import type { Source, Target } from "./endpoints.js";
import { DEFAULT_TIER, type PolicyModel } from "./policy-model.js";

export interface Verdict {
  result: "allow" | "deny" | "unknown";
  /** The policy whose rule decided; undefined when the flow fell off the end of a tier (default deny). */
  decidedBy?: PolicyModel;
  /** Policies of the deciding tier that selected the target: the ones that isolate it on an end-of-tier deny. */
  isolatedBy: PolicyModel[];
}

export interface TierInfo {
  order: number;
  /** Calico tiers deny at their end unless `defaultAction: Pass`. */
  defaultAction: "Deny" | "Pass";
}

/** Calico's default tier comes after every ordered tier (order 1,000,000). */
const DEFAULT_TIER_ORDER = 1_000_000;

export function calicoTiers(set: ManifestSet): Map<string, TierInfo> {
  const tiers = new Map<string, TierInfo>([[DEFAULT_TIER, { order: DEFAULT_TIER_ORDER, defaultAction: "Deny" }]]);
  for (const m of set.manifests) {
    if (m.ref.kind !== "Tier" || !CALICO_GROUPS.has(m.group) || m.ref.name === DEFAULT_TIER) continue;
    const spec = (m.object.spec ?? {}) as { order?: number; defaultAction?: string };
    tiers.set(m.ref.name, { order: spec.order ?? Number.POSITIVE_INFINITY, defaultAction: spec.defaultAction === "Pass" ? "Pass" : "Deny" });
  }
  return tiers;
}

/** Evaluates one flow (controller pod -> backend pod and port) through every policy, tier by tier. */
export function evaluateFlow(policies: PolicyModel[], tiers: Map<string, TierInfo>, source: Source, target: Target): Verdict {
  const byTier = new Map<string, PolicyModel[]>();
  for (const p of policies) byTier.set(p.tier, [...(byTier.get(p.tier) ?? []), p]);
  const tierOrder = (name: string): number => tiers.get(name)?.order ?? Number.POSITIVE_INFINITY;
  const tierNames = [...byTier.keys()].sort((a, b) => tierOrder(a) - tierOrder(b) || a.localeCompare(b));
  for (const tier of tierNames) {
    const ordered = byTier.get(tier)!.sort((a, b) => a.order - b.order || a.manifest.ref.name.localeCompare(b.manifest.ref.name));
    const applying: PolicyModel[] = [];
    let passed = false;
    for (const policy of ordered) {
      const applies = policy.appliesTo(target);
      if (applies === false) continue;
      if (applies === "maybe") return { result: "unknown", isolatedBy: [] };
      applying.push(policy);
      const outcome = policy.ingressFrom(source, target);
      if (outcome === "allow") return { result: "allow", decidedBy: policy, isolatedBy: [] };
      if (outcome === "deny") return { result: "deny", decidedBy: policy, isolatedBy: [policy] };
      if (outcome === "unknown") return { result: "unknown", isolatedBy: [] };
      if (outcome === "pass") { passed = true; break; }
    }
    if (passed || applying.length === 0) continue;
    if ((tiers.get(tier)?.defaultAction ?? "Deny") === "Deny") return { result: "deny", isolatedBy: applying };
  }
  return { result: "allow", isolatedBy: [] };
}
