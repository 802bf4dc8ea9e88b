import type { Manifest } from "../../model/manifest.js";
import type { Source, Target } from "./endpoints.js";
import type { Tri } from "./tri.js";

/** What a policy's ingress rules do with one flow: decide, pass to the next tier, or leave it to the next policy. */
export type RuleOutcome = "allow" | "deny" | "pass" | "next" | "unknown";

/**
 * Kubernetes and Calico policies in one shape, evaluated the way Calico does (Kubernetes
 * NetworkPolicies are Calico policies of order 1000 in the default tier, and their additive
 * semantics are the same): per tier, policies by order, first decisive rule wins.
 */
export interface PolicyModel {
  manifest: Manifest;
  tier: string;
  /** Infinity when unset: Calico evaluates those last. */
  order: number;
  /** Does the policy select the target pods for ingress? */
  appliesTo(target: Target): Tri;
  ingressFrom(source: Source, target: Target): RuleOutcome;
}

export const DEFAULT_TIER = "default";
/** Order Calico gives every Kubernetes NetworkPolicy. */
export const K8S_POLICY_ORDER = 1000;
