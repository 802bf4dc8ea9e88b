import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "./index.js";
import { INCIDENTS } from "./rule.js";
import { fixtureCases, runRuleOnCase } from "./testing/run-fixture.js";

const dir = import.meta.dirname;
const NOT_RULES = new Set(["shared", "testing"]);
const folders = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && !NOT_RULES.has(d.name)).map((d) => d.name).sort();

describe("rule conventions (kube-linter style: every rule documented, tested, and firing end to end)", () => {
  it("registers exactly the rule folders", () => {
    expect(RULES.map((r) => r.meta.id).sort()).toEqual(folders);
  });

  for (const rule of RULES) {
    const id = rule.meta.id;
    const ruleDir = join(dir, id);
    describe(id, () => {
      it("has complete metadata", () => {
        expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
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

      it("fires on every fires/ fixture", async () => {
        const cases = fixtureCases(ruleDir, "fires");
        expect(cases.length).toBeGreaterThan(0);
        for (const c of cases) {
          const findings = await runRuleOnCase(rule, c);
          expect(findings.filter((f) => f.rule === id), c).not.toHaveLength(0);
        }
      });

      it("stays quiet on every quiet/ fixture", async () => {
        const cases = fixtureCases(ruleDir, "quiet");
        expect(cases.length).toBeGreaterThan(0);
        for (const c of cases) expect(await runRuleOnCase(rule, c), c).toEqual([]);
      });
    });
  }
});
