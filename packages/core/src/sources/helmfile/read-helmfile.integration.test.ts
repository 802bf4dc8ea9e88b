import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { check } from "../../check/check.js";
import { tempDir, webChart, writeTree } from "../../helm/testing/charts.js";
import { ensureTools } from "../../stage/tools/build-tool.js";

// A repository written for helmfile v0 (every state file a template, `bases:` reaching up a folder),
// read as an exported tree (no .git), with a state value its deploy hosts would provide.
const tree = (replicas: number): Record<string, string> => ({
  ...webChart("charts/web"),
  "helmfile.d/global.yaml": "helmDefaults:\n  timeout: {{ .Values.timeout }}\n",
  "helmfile.d/services/web/helmfile.yaml": [
    "environments:",
    "  staging:",
    "    values:",
    `      - replicas: ${replicas}`,
    "---",
    "bases:",
    "  - ../../global.yaml",
    "---",
    "releases:",
    "  - name: web-{{ .Environment.Name }}",
    "    namespace: web",
    "    chart: ../../../charts/web",
    "    values:",
    "      - shared.yaml",
    "      - replicas: {{ .Values.replicas }}",
    "",
  ].join("\n"),
  "helmfile.d/services/web/shared.yaml": "host: web.example.com\n",
});

describe("helmfile v0 repositories", () => {
  beforeAll(async () => {
    await ensureTools(["helm", "helmfile"]);
  }, 60 * 60_000);

  it("templates helmfile.yaml and its bases as v0 did, widens the copy to reach them, and takes --state-values-set", async () => {
    const cwd = await tempDir();
    await writeTree(join(cwd, "base"), tree(1));
    await writeTree(join(cwd, "head"), tree(2));
    const result = await check(
      { base: ["base/helmfile.d/services/web"], head: ["head/helmfile.d/services/web"] },
      { cwd, environment: "staging", stateValues: ["timeout=600"] },
    );
    expect(result.changes.map((c) => `${c.op} ${c.key}`)).toEqual([expect.stringMatching(/^update .*Deployment.*web\/web-staging$/)]);
    expect(result.sources?.notes.join("\n")).toMatch(/read 2 state file\(s\) as helmfile v0 templates \(helmfile\.yaml, \.\.\/\.\.\/global\.yaml\)/);
  });

  it("names the missing state value when the repository expects one from its deploy hosts", async () => {
    const cwd = await tempDir();
    await writeTree(join(cwd, "base"), tree(1));
    await writeTree(join(cwd, "head"), tree(2));
    await expect(check({ base: ["base/helmfile.d/services/web"], head: ["head/helmfile.d/services/web"] }, { cwd, environment: "staging" })).rejects.toThrow(/timeout/);
  });
});
