import type { Rule } from "./rule.js";
import crdInstall from "./crd-install/index.js";

/** Every rule, in report order. A convention test keeps this list equal to the rule folders. */
export const RULES: readonly Rule[] = [crdInstall];

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}

export { defineRule, INCIDENTS, DEFAULT_KUBE_VERSION, type Rule, type RuleMeta, type RuleContext, type RuleOptions, type IncidentId } from "./rule.js";
export { runRules, ACK_ANNOTATION, type RuleFailure } from "./run-rules.js";
