import { describe, expect, it } from "vitest";
import { checkObjects } from "../../check/check.js";
import { parseSources } from "../../load/load-manifests.js";
import { markdownReport, REPORT_MARKER } from "./markdown-report.js";

const many = (n: number, tag: string) =>
  parseSources([{ file: "x.yaml", format: "yaml", text: Array.from({ length: n }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm-${i}}\ndata:\n${Array.from({ length: 20 }, (_, j) => `  key${j}: "${tag}-${"x".repeat(40)}"`).join("\n")}\n`).join("---\n") }]);

describe("markdownReport", () => {
  it("carries the sticky-comment marker and the decision", () => {
    const out = markdownReport(checkObjects(many(1, "a"), many(1, "b")));
    expect(out.startsWith(REPORT_MARKER)).toBe(true);
    expect(out).toContain("kubegate: **PASS**");
    expect(out).toContain("<details><summary><code>update</code> ConfigMap default/cm-0</summary>");
  });

  it("stays under GitHub's 65,536-character limit and says what it cut", () => {
    const out = markdownReport(checkObjects(many(300, "a"), many(300, "b")));
    expect(out.length).toBeLessThanOrEqual(65_536);
    expect(out).toMatch(/Cut to stay under 65536 characters:\*\* \d+ resource diff\(s\)/);
    // Cut between whole sections: code fences stay balanced.
    expect((out.match(/```/g) ?? []).length % 2).toBe(0);
  });
});
