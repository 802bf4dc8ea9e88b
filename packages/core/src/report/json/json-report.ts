import type { Finding } from "../../model/finding.js";
import type { ReportInput } from "../report-input.js";
import { changePaths, changeRef } from "../resource-label.js";

/**
 * The stable JSON contract other tools read: {"decision", "reasons", "target", "gateOn",
 * "findings": [{..., "baseline"}], "resolved": [...], "changes": [{"op","resource","paths"}], "smoke"?}.
 */
export function jsonReport(input: ReportInput): string {
  const out = {
    decision: input.decision,
    reasons: input.reasons,
    ...(input.sources ? { sources: { summary: input.sources.summary, notes: input.sources.notes } } : {}),
    ...(input.target ? { target: { kubeVersion: input.target.version, source: input.target.source } } : {}),
    ...(input.gateOn ? { gateOn: input.gateOn } : {}),
    findings: input.findings.map(findingJson),
    resolved: (input.resolved ?? []).map(findingJson),
    changes: input.changes.map((c) => ({
      op: c.op,
      resource: changeRef(c),
      paths: changePaths(c),
      ...(c.replaceReasons.length ? { replaceReasons: c.replaceReasons } : {}),
    })),
    ...(input.smoke ? { smoke: { routes: input.smoke.routes, cluster: input.smoke.cluster, timings: input.smoke.timings, notes: input.smoke.notes, standins: input.smoke.standins } } : {}),
    ...(input.stagingLogs ? { stagingLogs: input.stagingLogs } : {}),
  };
  return JSON.stringify(input.secrets.redactValue(out), null, 2) + "\n";
}

function findingJson(f: Finding): Record<string, unknown> {
  return {
    rule: f.rule,
    severity: f.severity,
    ...(f.baseline ? { baseline: f.baseline } : {}),
    resource: f.resource,
    ...(f.cluster ? { cluster: f.cluster } : {}),
    message: f.message,
    file: f.file,
    line: f.line,
    remediation: f.remediation,
    incidents: f.incidents,
    ...(f.release ? { release: f.release } : {}),
    ...(f.helmSource ? { helmSource: f.helmSource } : {}),
    ...(f.urn ? { urn: f.urn } : {}),
    ...(f.acknowledged ? { acknowledged: f.acknowledged } : {}),
    ...(f.related ? { related: f.related } : {}),
  };
}
