import { checkObjects, loadRuleSchemas, type LocatedObject, type Rule } from "@kubegate/core";
import { kubegateConfig, type KubegatePolicyConfig } from "./policy-config.js";

export interface Violation {
  message: string;
  urn: string;
}

/**
 * Runs one core rule over a change (base -> head) exactly as `kubegate check` does (diff,
 * severities, acknowledgements) and returns what is left to report: findings neither
 * acknowledged nor downgraded to info, each naming the resource URN and the remediation.
 */
export async function runRule(rule: Rule, base: LocatedObject[], head: LocatedObject[], config: KubegatePolicyConfig): Promise<Violation[]> {
  await loadRuleSchemas([...base, ...head]);
  const result = checkObjects(base, head, { rules: [rule], config: kubegateConfig(rule.meta.id, config), patches: false });
  if (result.failures.length > 0) throw new Error(`kubegate rule ${rule.meta.id} failed: ${result.failures.join("; ")}`);
  return result.findings
    .filter((f) => !f.acknowledged && f.severity !== "info")
    .map((f) => {
      const urn = f.urn ?? "";
      const text = `[${f.severity}] ${f.message}\nResource: ${urn}\nRemediation: ${rule.meta.remediation}`;
      return { message: result.secrets.redact(text), urn };
    });
}
