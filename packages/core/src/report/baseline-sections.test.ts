import { describe, expect, it } from "vitest";
import { checkObjects } from "../check/check.js";
import { parseSources } from "../load/load-manifests.js";
import { renderReport } from "./render-report.js";

// One change with all three baseline states: a PodSecurityPolicy base already had (unchanged), one
// the change adds (new), and one it deletes (resolved). Bodies differ, so no rename is detected.
const objects = (names: string[]) =>
  parseSources([{ file: "x.yaml", format: "yaml", text: names.map((n) => `apiVersion: policy/v1beta1\nkind: PodSecurityPolicy\nmetadata: {name: ${n}}\nspec: {volumes: [${n}-a, ${n}-b, ${n}-c]}\n`).join("---\n") }]);
const result = checkObjects(objects(["kept", "dropped"]), objects(["kept", "added"]));

describe("reports show what the change introduces first", () => {
  it("markdown: new findings in the table, unchanged ones folded, resolved ones listed, the target named", () => {
    const md = renderReport(result, "markdown");
    const [introduced, folded] = md.split("<details><summary>Already in base, not gating (1)</summary>");
    expect(introduced).toContain("### Findings this change introduces");
    expect(introduced).toContain("PodSecurityPolicy added");
    expect(introduced).not.toContain("PodSecurityPolicy kept");
    expect(folded).toContain("PodSecurityPolicy kept");
    expect(md).toContain("### This change fixes (1)");
    expect(md).toContain("- `api-version-removed` PodSecurityPolicy dropped");
    expect(md).toContain("Judged against Kubernetes 1.34 (kubegate's default; set kubeVersion in kubegate.yaml or --kube-version)");
  });

  it("sarif: baselineState on every result, resolved ones absent and not alerts", () => {
    const results = (JSON.parse(renderReport(result, "sarif")) as { runs: Array<{ results: Array<{ baselineState: string; level: string; kind?: string; message: { text: string } }> }> }).runs[0]!.results;
    const state = (name: string) => results.find((r) => r.message.text.startsWith(`PodSecurityPolicy ${name}:`));
    expect(state("added")).toMatchObject({ baselineState: "new", level: "error" });
    expect(state("kept")).toMatchObject({ baselineState: "unchanged", level: "error" });
    expect(state("dropped")).toMatchObject({ baselineState: "absent", kind: "pass", level: "none" });
  });

  it("json: baseline on findings, a resolved list, target and gateOn", () => {
    const json = JSON.parse(renderReport(result, "json")) as { target: unknown; gateOn: string; findings: Array<{ baseline: string; resource: { name: string } }>; resolved: Array<{ resource: { name: string } }> };
    expect(json.target).toEqual({ kubeVersion: "1.34", source: "default" });
    expect(json.gateOn).toBe("changes");
    expect(json.findings.map((f) => `${f.resource.name}:${f.baseline}`).sort()).toEqual(["added:new", "kept:unchanged"]);
    expect(json.resolved.map((f) => f.resource.name)).toEqual(["dropped"]);
  });

  it("text: an 'already in base' section and a 'this change fixes' section", () => {
    const text = renderReport(result, "text");
    expect(text).toMatch(/Findings \(1\)\n[^\n]*PodSecurityPolicy added/);
    expect(text).toMatch(/Already in base, not gating \(1\)\n[^\n]*PodSecurityPolicy kept/);
    expect(text).toMatch(/This change fixes \(1\)\n[^\n]*PodSecurityPolicy dropped/);
  });
});
