import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defineRule } from "../rule.js";
import { runRuleOnCase } from "./run-fixture.js";

const crashing = defineRule({
  meta: { id: "crashes-on-purpose", severity: "high", summary: "A rule that throws on every input.", incidents: ["000"], remediation: "Nothing: it exists to test the harness." },
  check() {
    throw new TypeError("cannot read properties of undefined (reading 'spec')");
  },
});

describe("runRuleOnCase", () => {
  it("fails when the rule crashes instead of returning no findings (a crash would pass every quiet fixture)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kubegate-harness-"));
    writeFileSync(join(dir, "head.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: default}\n");
    await expect(runRuleOnCase(crashing, dir)).rejects.toThrow(/rule crashes-on-purpose crashed on .*: cannot read properties of undefined/);
  });
});
