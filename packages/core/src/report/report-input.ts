import type { Change } from "../model/change.js";
import type { TargetVersion } from "../check/target-version.js";
import type { Decision, Finding, GateOn } from "../model/finding.js";
import type { SecretRegistry } from "../secrets/secret-registry.js";
import type { SmokeReport } from "../smoke/run-smoke.js";

/** What every report format renders. Staging adds `smoke` (see the stage/probe issue). */
export interface ReportInput {
  decision: Decision;
  reasons: string[];
  findings: Finding[];
  /** Findings base had that head no longer has (what the change fixes). */
  resolved?: Finding[];
  /** The Kubernetes version the rules judged against. */
  target?: TargetVersion;
  /** What gated: only what the change introduces, or everything. */
  gateOn?: GateOn;
  changes: Change[];
  secrets: SecretRegistry;
  smoke?: SmokeReport;
  /** Last log lines of staging components when staging itself broke. */
  stagingLogs?: Record<string, string>;
  /** What was read (src/sources): the summary opens every report, notes follow it. */
  sources?: { summary: string; notes: string[] };
}

export type ReportFormat = "text" | "json" | "markdown" | "sarif";
export const REPORT_FORMATS: readonly ReportFormat[] = ["text", "json", "markdown", "sarif"];
