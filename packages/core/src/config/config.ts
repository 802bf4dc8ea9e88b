import type { Severity } from "../model/finding.js";
import type { IgnoreDifference } from "../normalize/ignore-differences.js";
import type { ControllerSelectorOption } from "../workloads/ingress-controllers.js";

export type RuleSetting = Severity | "off" | { severity?: Severity; enabled?: boolean };

export interface Acknowledgement {
  rule: string;
  kind?: string;
  namespace?: string;
  name?: string;
  /** Why this finding is accepted; shown in reports. */
  reason: string;
}

/** kubegate.yaml: everything a team tunes, in one place. */
export interface KubegateConfig {
  kubeVersion?: string;
  defaultNamespace?: string;
  rules?: Record<string, RuleSetting>;
  acknowledge?: Acknowledgement[];
  ignoreDifferences?: IgnoreDifference[];
  ingressControllers?: ControllerSelectorOption[];
  /** The decision that fails CI: "block" (default) or "warn" (stricter). */
  failOn?: "block" | "warn";
  /** Helm releases to render (src/helm), paths relative to the kubegate.yaml. */
  releases?: ReleaseConfig[];
}

/** One `releases:` entry of kubegate.yaml. */
export interface ReleaseConfig {
  name: string;
  namespace?: string;
  chart: string;
  values?: string[];
  set?: Record<string, unknown>;
}
