import type { HelmContext } from "../helm/releases.js";
import type { Change } from "../model/change.js";
import type { Severity } from "../model/finding.js";
import type { Manifest, ManifestSet } from "../model/manifest.js";
import type { ControllerSelectorOption } from "../workloads/ingress-controllers.js";

/** Incident reports in shared/incidents that rules trace back to. */
export const INCIDENTS = {
  "000": "000_7375ecc9ae900139",
  "001": "001_9b089a1f34e60d91",
  "002": "002_39c5003ca62642a8",
  "003": "003_ae69f1f5f80854b3",
  "004": "004_0bbee5f82e2b96ce",
} as const;
export type IncidentId = keyof typeof INCIDENTS;

export interface RuleMeta {
  /** kebab-case, equal to the rule's folder name. */
  id: string;
  /** Default severity; kubegate.yaml may override it. */
  severity: Severity;
  /** One line: what the rule catches. */
  summary: string;
  /** Incidents the rule would have prevented. */
  incidents: IncidentId[];
  /** What to do about a finding. */
  remediation: string;
}

export interface RuleOptions {
  /** Target Kubernetes version "1.34". */
  kubeVersion: string;
  ingressControllers: ControllerSelectorOption[];
}

export interface ReportInput {
  /** The object the finding is about (its head version when there is one). */
  manifest: Manifest;
  message: string;
  /** Overrides the rule's default severity for this finding (e.g. critical for a live host). */
  severity?: Severity;
  /**
   * What identifies the cause, for matching this finding against base's (issue "judge the change").
   * Default: the message without line numbers. Give one when the message carries values that move
   * without the cause changing (counts, lists of other objects).
   */
  fingerprint?: string;
}

export interface RuleContext {
  base: ManifestSet;
  head: ManifestSet;
  changes: Change[];
  options: RuleOptions;
  /** Present when the change was rendered from Helm releases (src/helm): renders and values changes. */
  helm?: HelmContext;
  report(input: ReportInput): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** Identity function that gives rule files one typed shape (like typescript-eslint's createRule). */
export function defineRule(rule: Rule): Rule {
  return rule;
}

export const DEFAULT_KUBE_VERSION = "1.34";
