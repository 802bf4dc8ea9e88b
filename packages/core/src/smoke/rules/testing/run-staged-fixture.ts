import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import type { Finding } from "../../../model/finding.js";
import { runStagedRules, type StagedEvidence, type StagedRule } from "../staged-rule.js";

/**
 * Runs one staged rule on a fixture case folder holding `evidence.yaml`: what a staged run
 * observed (`routes`, `rejected`, `unstaged`; absent lists are empty). A rule that crashes fails
 * the test, like the static harness.
 */
export function runStagedRuleOnCase(rule: StagedRule, caseDir: string): Finding[] {
  const loaded = (yaml.load(readFileSync(join(caseDir, "evidence.yaml"), "utf8")) ?? {}) as Partial<StagedEvidence>;
  const evidence: StagedEvidence = { routes: loaded.routes ?? [], rejected: loaded.rejected ?? [], unstaged: loaded.unstaged ?? [], headOnly: loaded.headOnly ?? [] };
  const { findings, failures } = runStagedRules([rule], evidence);
  const [failure] = failures;
  if (failure) throw new Error(`staged rule ${failure.rule} crashed on ${caseDir}: ${failure.error.message}`, { cause: failure.error });
  return findings;
}

/** Case folders under `fixtures/fires` or `fixtures/quiet` of a staged rule folder. */
export function stagedFixtureCases(ruleDir: string, kind: "fires" | "quiet"): string[] {
  const dir = join(ruleDir, "fixtures", kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(dir, d.name)).sort();
}
