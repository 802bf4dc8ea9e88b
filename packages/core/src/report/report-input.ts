import type { Change } from "../model/change.js";
import type { Decision, Finding } from "../model/finding.js";
import type { SecretRegistry } from "../secrets/secret-registry.js";

/** What every report format renders. Staging adds `smoke` (see the stage/probe issue). */
export interface ReportInput {
  decision: Decision;
  reasons: string[];
  findings: Finding[];
  changes: Change[];
  secrets: SecretRegistry;
  smoke?: unknown;
}

export type ReportFormat = "text" | "json" | "markdown" | "sarif";
export const REPORT_FORMATS: readonly ReportFormat[] = ["text", "json", "markdown", "sarif"];
