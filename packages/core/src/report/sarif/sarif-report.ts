import { findingLabel } from "../resource-label.js";
import type { Finding, Severity } from "../../model/finding.js";
import { describeRef } from "../../normalize/normalize.js";
import { RULES } from "../../rules/index.js";
import type { ReportInput } from "../report-input.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { critical: "error", high: "error", warning: "warning", info: "note" };
const SECURITY_SEVERITY: Record<Severity, string> = { critical: "9.0", high: "7.0", warning: "4.0", info: "1.0" };

/** SARIF 2.1.0 for `github/codeql-action/upload-sarif`: one result per finding, located by file and line. */
export function sarifReport(input: ReportInput, options: { version?: string; extraRules?: Array<{ id: string; summary: string; remediation: string; severity: Severity }> } = {}): string {
  const rules = [...RULES.map((r) => r.meta), ...(options.extraRules ?? [])];
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "kubegate",
            version: options.version ?? "0.1.0",
            informationUri: "https://github.com/kubegate/kubegate",
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.summary },
              help: { text: r.remediation, markdown: r.remediation },
              defaultConfiguration: { level: LEVEL[r.severity] },
              properties: { "security-severity": SECURITY_SEVERITY[r.severity], tags: ["kubernetes", "ingress"] },
            })),
          },
        },
        // baselineState lets code scanning show new alerts only; resolved ones are "absent".
        results: [...input.findings.map((f) => result(f, f.baseline ?? "new")), ...(input.resolved ?? []).map((f) => result(f, "absent"))],
      },
    ],
  };
  return JSON.stringify(input.secrets.redactValue(sarif), null, 2) + "\n";
}

function result(f: Finding, baselineState: "new" | "updated" | "unchanged" | "absent"): Record<string, unknown> {
  return {
    ruleId: f.rule,
    baselineState,
    // A resolved finding is a rule that now passes on that resource, not an alert.
    ...(baselineState === "absent" ? { kind: "pass", level: "none" } : { level: LEVEL[f.severity] }),
    message: { text: `${findingLabel(f)}: ${f.message}` },
    ...(f.file && !f.file.startsWith("<")
      ? { locations: [{ physicalLocation: { artifactLocation: { uri: f.file.split("\\").join("/") }, region: { startLine: f.line ?? 1 } } }] }
      : {}),
    partialFingerprints: { kubegate: `${f.cluster ? `${f.cluster}|` : ""}${f.rule}/${f.resource.kind}/${f.resource.namespace ?? ""}/${f.resource.name}` },
    ...(f.acknowledged ? { suppressions: [{ kind: "external", justification: f.acknowledged }] } : {}),
  };
}
