import type { ResourceRef } from "./kube-object.js";

export const SEVERITIES = ["info", "warning", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export type Decision = "pass" | "warn" | "block" | "error";

/**
 * How a head finding relates to base (issue "judge the change"): `new` (base had no such finding),
 * `updated` (same rule and resource, different cause), `unchanged` (base had the same finding: debt
 * the change did not add, reported but not gated by default).
 */
export const BASELINE_STATES = ["new", "updated", "unchanged"] as const;
export type BaselineState = (typeof BASELINE_STATES)[number];

/** What gates: only what the change introduces (default), or every finding (audits). */
export type GateOn = "changes" | "everything";

export interface Finding {
  rule: string;
  severity: Severity;
  resource: ResourceRef;
  message: string;
  file?: string;
  line?: number;
  remediation?: string;
  /** Incident files this rule traces back to. */
  incidents?: string[];
  /** Helm release and template the object was rendered from. */
  release?: string;
  helmSource?: string;
  /** The cluster of a GitOps repository the finding is in, when the change alters several. */
  cluster?: string;
  /** Pulumi resource URN of the object (findings on a Pulumi preview). */
  urn?: string;
  /** Set when a config entry or annotation acknowledged the finding: it is reported, not gated. */
  acknowledged?: string;
  /**
   * What identifies the finding's cause, stable across line moves (rule-defined; by default its
   * message without line numbers): base and head findings match on rule, resource and this.
   */
  fingerprint?: string;
  /** Against base: set on every finding of a change (base vs head). */
  baseline?: BaselineState;
  /** Context that explains the finding without deciding anything (a shared values change behind it). */
  related?: string[];
}
