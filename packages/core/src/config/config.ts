import type { GateOn, Severity } from "../model/finding.js";
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

/**
 * An explicit smoke check (like Wikimedia's httpbb): a request through the staged controller and
 * what its answer must be, at base, at head and after the controller restarts.
 */
export interface ExplicitCheck {
  name: string;
  host: string;
  path?: string;
  tls?: boolean;
  /** Entrypoint to send it to; default: the first TLS or plain entrypoint, as for routes. */
  entrypoint?: string;
  /** Request headers. */
  headers?: Record<string, string>;
  /** Expected status (default: any below 400). */
  status?: number;
  /** "namespace/service" whose stand-in must answer. */
  service?: string;
  /** Response headers that must be present; a value is a regular expression. */
  responseHeaders?: Record<string, string>;
}

/** kubegate.yaml: everything a team tunes, in one place. */
export interface KubegateConfig {
  kubeVersion?: string;
  defaultNamespace?: string;
  rules?: Record<string, RuleSetting>;
  acknowledge?: Acknowledgement[];
  ignoreDifferences?: IgnoreDifference[];
  ingressControllers?: ControllerSelectorOption[];
  checks?: ExplicitCheck[];
  /**
   * What decides: "changes" (default) gates on findings the change introduces (new or updated
   * against base); "everything" also on findings base already had (audits).
   */
  gate?: GateOn;
  /** The decision that fails CI: "block" (default) or "warn" (stricter). */
  failOn?: "block" | "warn";
  /** Helm releases to render (src/helm), paths relative to the kubegate.yaml. */
  releases?: ReleaseConfig[];
  /** Chart repositories (helmfile `repositories:` names) mapped to local folders: `repo/chart` renders `<folder>/chart`, offline. */
  chartRepos?: Record<string, string>;
}

/** One `releases:` entry of kubegate.yaml. */
export interface ReleaseConfig {
  name: string;
  namespace?: string;
  chart: string;
  values?: string[];
  set?: Record<string, unknown>;
}
