import type { Acknowledgement, KubegateConfig, RuleSetting } from "../config/config.js";
import type { Decision, Finding, GateOn, Severity } from "../model/finding.js";

/** Severities that block by default; warnings warn; info only informs. */
const BLOCKING: ReadonlySet<Severity> = new Set(["critical", "high"]);

export interface DecisionResult {
  decision: Decision;
  findings: Finding[];
  /** Why the decision is what it is, one line per reason, for humans. */
  reasons: string[];
}

/**
 * Applies severity overrides and acknowledgements, then decides. Internal failures (a rule
 * crashed, staging broke) make the decision "error": kubegate fails closed.
 */
export function decide(findings: Finding[], config: KubegateConfig = {}, failures: string[] = []): DecisionResult {
  const adjusted = findings.map((f) => applyConfig(f, config));
  const gateOn = config.gate ?? "changes";
  const live = adjusted.filter((f) => !f.acknowledged && f.severity !== "info" && gates(f, gateOn));
  const blocking = live.filter((f) => BLOCKING.has(f.severity));
  const warnings = live.filter((f) => f.severity === "warning");
  const reasons: string[] = [];
  let decision: Decision;
  if (failures.length > 0) {
    decision = "error";
    reasons.push(...failures.map((f) => `kubegate could not finish: ${f}`));
  } else if (blocking.length > 0) {
    decision = "block";
  } else if (warnings.length > 0) {
    decision = "warn";
  } else {
    decision = "pass";
  }
  if (blocking.length > 0) reasons.push(`${blocking.length} blocking finding(s): ${summarize(blocking)}`);
  if (warnings.length > 0) reasons.push(`${warnings.length} warning(s): ${summarize(warnings)}`);
  const acked = adjusted.filter((f) => f.acknowledged).length;
  if (acked > 0) reasons.push(`${acked} acknowledged finding(s) not gated`);
  const debt = adjusted.filter((f) => !f.acknowledged && f.severity !== "info" && !gates(f, gateOn)).length;
  if (debt > 0) reasons.push(`${debt} finding(s) already in base, not gating (the change did not add them; --gate-on everything to gate them)`);
  if (decision === "pass" && reasons.length === 0) reasons.push("no risky change found");
  return { decision, findings: sortFindings(adjusted), reasons };
}

/** Whether a finding can decide: with "changes", only what the change introduces (new or updated). */
export function gates(finding: Finding, gateOn: GateOn): boolean {
  return gateOn === "everything" || finding.baseline !== "unchanged";
}

function applyConfig(finding: Finding, config: KubegateConfig): Finding {
  const severity = severityOverride(config.rules?.[finding.rule]) ?? finding.severity;
  const ack = finding.acknowledged ?? (config.acknowledge ?? []).find((a) => acknowledges(a, finding));
  const acknowledged = typeof ack === "string" ? ack : ack ? `kubegate.yaml: ${ack.reason}` : undefined;
  return { ...finding, severity, ...(acknowledged ? { acknowledged } : {}) };
}

function severityOverride(setting: RuleSetting | undefined): Severity | undefined {
  if (setting === undefined || setting === "off") return undefined;
  return typeof setting === "string" ? setting : setting.severity;
}

/** Whether a rule runs at all under the config. */
export function ruleEnabled(config: KubegateConfig, rule: string): boolean {
  const setting = config.rules?.[rule];
  return !(setting === "off" || (typeof setting === "object" && setting.enabled === false));
}

function acknowledges(a: Acknowledgement, f: Finding): boolean {
  return a.rule === f.rule && (!a.kind || a.kind === f.resource.kind) && (!a.namespace || a.namespace === f.resource.namespace) && (!a.name || a.name === f.resource.name);
}

function summarize(findings: Finding[]): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  return [...counts].map(([rule, n]) => (n > 1 ? `${rule} x${n}` : rule)).join(", ");
}

const ORDER: Record<Severity, number> = { critical: 0, high: 1, warning: 2, info: 3 };

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.rule.localeCompare(b.rule) || (a.file ?? "").localeCompare(b.file ?? "") || (a.line ?? 0) - (b.line ?? 0));
}

/** The CLI contract: 0 pass or warn, 1 block, 3 error (2 is bad input, raised before deciding). */
export function exitCodeFor(decision: Decision, failOn: "block" | "warn" = "block"): number {
  if (decision === "error") return 3;
  if (decision === "block") return 1;
  if (decision === "warn" && failOn === "warn") return 1;
  return 0;
}
