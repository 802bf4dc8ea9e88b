import type { ResourceRef } from "./kube-object.js";

export const SEVERITIES = ["info", "warning", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

export type Decision = "pass" | "warn" | "block" | "error";

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
  /** Pulumi resource URN of the object (findings on a Pulumi preview). */
  urn?: string;
  /** Set when a config entry or annotation acknowledged the finding: it is reported, not gated. */
  acknowledged?: string;
}
