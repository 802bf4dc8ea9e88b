import { existsSync, readdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { loadManifests } from "../../load/load-manifests.js";
import type { Finding } from "../../model/finding.js";
import { runRules, type RuleFailure } from "../run-rules.js";
import type { Rule, RuleOptions } from "../rule.js";
import { buildSides } from "../../check/build-sides.js";
import { resolveSources } from "../../sources/resolve-sources.js";
import { materializeCertificates } from "./generated-certificates.js";
import { loadModelValidators } from "../custom-resource-invalid/model-validators.js";

/**
 * Runs one rule on a fixture case folder holding `base.yaml` (optional: absent means an empty
 * cluster) and `head.yaml`, and optionally `options.json` with RuleOptions. Instead of the YAML
 * files a case may hold `base/` and `head/` platform trees (charts + kubegate.yaml `releases:` or a
 * helmfile.yaml): they are read by resolveSources (real helm, helmfile) and rules get `ctx.helm`.
 */
export async function runRuleOnCase(rule: Rule, caseDir: string, extra: { base?: string[]; head?: string[] } = {}): Promise<Finding[]> {
  const files = (name: string): string[] => (existsSync(join(caseDir, name)) ? [join(caseDir, name)] : []);
  const options: Partial<RuleOptions> = existsSync(join(caseDir, "options.json")) ? (await import(join(caseDir, "options.json"), { with: { type: "json" } })).default : {};
  if (existsSync(join(caseDir, "base")) || existsSync(join(caseDir, "head"))) {
    // Platform trees go through the one input layer users go through (sources/): kubegate.yaml
    // releases, helmfiles and kustomizations are read exactly as `kubegate check` reads them.
    const paths = (name: "base" | "head"): string[] => [...files(`${name}.yaml`), ...(existsSync(join(caseDir, name)) ? [join(caseDir, name)] : []), ...(extra[name] ?? [])];
    const sources = await resolveSources({ kind: "paths", base: paths("base"), head: paths("head") }, { cwd: caseDir, ...(options.kubeVersion ? { kubeVersion: options.kubeVersion } : {}) });
    const sides = buildSides(sources.base, sources.head, {});
    await loadModelValidators([...sources.base, ...sources.head].map((o) => o.object));
    return findingsOrThrow(runRules([rule], { ...sides, options, ...(sources.helm ? { helm: sources.helm } : {}) }), caseDir);
  }
  // Certificates a case lists in certificates.json are generated now, never committed.
  const generated = await materializeCertificates(caseDir);
  const yaml = (name: string): string[] => (generated && existsSync(join(generated, name)) ? [join(generated, name)] : files(name));
  const base = await loadManifests([...yaml("base.yaml"), ...(extra.base ?? [])]);
  const head = await loadManifests([...yaml("head.yaml"), ...(extra.head ?? [])]);
  if (generated) await rm(generated, { recursive: true, force: true });
  const sides = buildSides(base, head, {});
  await loadModelValidators([...base, ...head].map((o) => o.object));
  return findingsOrThrow(runRules([rule], { ...sides, options }), caseDir);
}

/**
 * A rule that crashes on a fixture fails the test: runRules collects the crash (the CLI then
 * fails closed), and returning its empty findings would pass every quiet fixture.
 */
export function findingsOrThrow(result: { findings: Finding[]; failures: RuleFailure[] }, caseDir: string): Finding[] {
  const [failure] = result.failures;
  if (failure) throw new Error(`rule ${failure.rule} crashed on ${caseDir}: ${failure.error.message}`, { cause: failure.error });
  return result.findings;
}

/** Case folders under `fixtures/fires` or `fixtures/quiet` of a rule folder. */
export function fixtureCases(ruleDir: string, kind: "fires" | "quiet"): string[] {
  const dir = join(ruleDir, "fixtures", kind);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => join(dir, d.name)).sort();
}
