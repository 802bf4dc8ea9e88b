import type { Finding } from "../model/finding.js";
import type { Rule } from "../rules/rule.js";
import { runRules, type RuleFailure, type RunRulesInput } from "../rules/run-rules.js";
import { classifyAgainstBase, findingResource, renamesOf, resolvedFindings } from "./match-findings.js";
import { steadyInput } from "./steady-state.js";

export interface JudgedFindings {
  /** The change's findings, each marked new, updated or unchanged against base. */
  findings: Finding[];
  /** What base had and head no longer has. */
  resolved: Finding[];
  failures: RuleFailure[];
}

/**
 * Runs the rules on the change and on each side as it stands, so the change is judged by what it
 * introduces: a finding base already had (an untouched removed API, a chart default) is
 * `unchanged`, and base findings head no longer has are `resolved`.
 */
export function judgeChange(rules: readonly Rule[], input: RunRulesInput): JudgedFindings {
  const change = runRules([...rules], input);
  const touched = touchedKeys(input, change.findings);
  const atBase = runRules([...rules], steadyInput(input.base, "base", input, touched));
  const atHead = runRules([...rules], steadyInput(input.head, "head", input, touched));
  const renames = renamesOf(input.changes);
  return {
    findings: classifyAgainstBase(change.findings, atBase.findings, renames),
    resolved: resolvedFindings(atBase.findings, atHead.findings, renames),
    failures: uniqueFailures([...change.failures, ...atBase.failures, ...atHead.failures]),
  };
}

/** Objects the change touches (both sides' keys) or has findings on. */
function touchedKeys(input: RunRulesInput, findings: readonly Finding[]): Set<string> {
  const keys = new Set<string>();
  for (const c of input.changes) {
    if (c.base) keys.add(c.base.key);
    if (c.head) keys.add(c.head.key);
  }
  for (const f of findings) keys.add(findingResource(f));
  return keys;
}

function uniqueFailures(failures: RuleFailure[]): RuleFailure[] {
  const seen = new Set<string>();
  return failures.filter((f) => !seen.has(f.rule) && seen.add(f.rule));
}
