import type { Finding } from "../model/finding.js";
import { STAGED_RULES } from "./rules/index.js";
import { runStagedRules, type StagedEvidence, type StagedRule } from "./rules/staged-rule.js";

export type { RejectedObject } from "./rules/staged-rule.js";

/**
 * Judges what a staged run observed with the staged rules (src/smoke/rules): regressions, broken
 * new routes, wrong certificates, rejected objects, declared controllers staging could not run.
 * A staged rule that crashes is a failure (the decision is "error"), never a silent pass.
 */
export function smokeFindings(evidence: StagedEvidence, rules: readonly StagedRule[] = STAGED_RULES): { findings: Finding[]; failures: string[] } {
  const { findings, failures } = runStagedRules(rules, evidence);
  return { findings, failures: failures.map((f) => `staged rule ${f.rule} crashed: ${f.error.message}`) };
}
