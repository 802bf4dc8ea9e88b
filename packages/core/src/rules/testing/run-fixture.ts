import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { loadManifests } from "../../load/load-manifests.js";
import type { Finding } from "../../model/finding.js";
import { runRules } from "../run-rules.js";
import type { Rule, RuleOptions } from "../rule.js";
import { buildSides } from "../../check/build-sides.js";

/**
 * Runs one rule on a fixture case folder holding `base.yaml` (optional: absent means an empty
 * cluster) and `head.yaml`, and optionally `options.json` with RuleOptions.
 */
export async function runRuleOnCase(rule: Rule, caseDir: string, extra: { base?: string[]; head?: string[] } = {}): Promise<Finding[]> {
  const files = (name: string): string[] => (existsSync(join(caseDir, name)) ? [join(caseDir, name)] : []);
  const base = await loadManifests([...files("base.yaml"), ...(extra.base ?? [])]);
  const head = await loadManifests([...files("head.yaml"), ...(extra.head ?? [])]);
  const options: Partial<RuleOptions> = existsSync(join(caseDir, "options.json")) ? (await import(join(caseDir, "options.json"), { with: { type: "json" } })).default : {};
  const sides = buildSides(base, head, {});
  return runRules([rule], { ...sides, options }).findings;
}

/** Case folders under `fixtures/fires` or `fixtures/quiet` of a rule folder. */
export function fixtureCases(ruleDir: string, kind: "fires" | "quiet"): string[] {
  const dir = join(ruleDir, "fixtures", kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(dir, d.name)).sort();
}
