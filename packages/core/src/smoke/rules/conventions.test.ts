import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../rules/index.js";
import { INCIDENTS } from "../../rules/rule.js";
import { STAGED_RULES } from "./index.js";
import { runStagedRuleOnCase, stagedFixtureCases } from "./testing/run-staged-fixture.js";

const dir = import.meta.dirname;
const folders = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== "testing").map((d) => d.name).sort();

describe("staged rule conventions (the same as the static rules')", () => {
  it("registers exactly the staged rule folders, under ids no static rule uses", () => {
    expect(STAGED_RULES.map((r) => r.meta.id).sort()).toEqual(folders);
    const staticIds = new Set(RULES.map((r) => r.meta.id));
    for (const r of STAGED_RULES) expect(staticIds.has(r.meta.id)).toBe(false);
  });

  for (const rule of STAGED_RULES) {
    const id = rule.meta.id;
    const ruleDir = join(dir, id);
    describe(id, () => {
      it("has complete metadata", () => {
        expect(id).toMatch(/^smoke(-[a-z0-9]+)+$/);
        expect(rule.meta.summary.length).toBeGreaterThan(10);
        expect(rule.meta.summary).not.toContain("\n");
        expect(rule.meta.remediation.length).toBeGreaterThan(20);
        expect(rule.meta.incidents.length).toBeGreaterThan(0);
        for (const i of rule.meta.incidents) expect(INCIDENTS[i]).toBeDefined();
      });

      it("has a README naming its id, severity, incidents and remediation", () => {
        const readme = readFileSync(join(ruleDir, "README.md"), "utf8");
        expect(readme).toMatch(new RegExp(`^# ${id}$`, "m"));
        expect(readme).toContain(`**Severity:** ${rule.meta.severity}`);
        for (const i of rule.meta.incidents) expect(readme).toContain(INCIDENTS[i]);
        expect(readme).toMatch(/^## Remediation$/m);
      });

      it("has its own test file", () => {
        expect(existsSync(join(ruleDir, "index.test.ts"))).toBe(true);
      });

      it("fires on every fires/ fixture", () => {
        const cases = stagedFixtureCases(ruleDir, "fires");
        expect(cases.length).toBeGreaterThan(0);
        for (const c of cases) expect(runStagedRuleOnCase(rule, c).filter((f) => f.rule === id), c).not.toHaveLength(0);
      });

      it("stays quiet on every quiet/ fixture", () => {
        const cases = stagedFixtureCases(ruleDir, "quiet");
        expect(cases.length).toBeGreaterThan(0);
        for (const c of cases) expect(runStagedRuleOnCase(rule, c), c).toEqual([]);
      });
    });
  }
});
