import { mkdtemp, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

async function cli(argv: string[], stdin?: string) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { NO_COLOR: "1" },
    cwd: process.cwd(),
    ...(stdin !== undefined ? { readStdin: async () => stdin } : {}),
  });
  return { code, stdout, stderr };
}

async function change(base: string, head: string) {
  const dir = await mkdtemp(join(tmpdir(), "kubegate-cli-"));
  await mkdir(join(dir, "base"));
  await mkdir(join(dir, "head"));
  await writeFile(join(dir, "base", "m.yaml"), base);
  await writeFile(join(dir, "head", "m.yaml"), head);
  return { base: join(dir, "base"), head: join(dir, "head"), dir };
}

const crd = "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: things.example.com}\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {kind: Thing, plural: things}\n  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]\n";
const cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: v}\n";

describe("kubegate CLI exit codes", () => {
  it("0 on pass, with a JSON object on stdout", async () => {
    const c = await change(cm, cm.replace("k: v", "k: w"));
    const r = await cli(["check", "--base", c.base, "--head", c.head, "--format", "json"]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.decision).toBe("pass");
    expect(json.changes).toEqual([{ op: "update", resource: { apiVersion: "v1", kind: "ConfigMap", name: "a", namespace: "default" }, paths: ["data.k"] }]);
  });

  it("1 on block", async () => {
    const c = await change(cm, cm + "---\n" + crd);
    const r = await cli(["check", "--base", c.base, "--head", c.head, "--format", "json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).findings.map((f: { rule: string }) => f.rule)).toContain("crd-install");
  });

  it("2 on bad input, naming file and line", async () => {
    const c = await change(cm, "apiVersion: v1\nkind: [\n");
    const r = await cli(["check", "--base", c.base, "--head", c.head]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/head\/m\.yaml:\d+:\d+ \(document 1\): invalid YAML/);
  });

  it("2 on usage errors", async () => {
    expect((await cli(["check", "--head", "x"])).code).toBe(2);
    expect((await cli(["check", "--base", "x", "--head", "y", "--format", "xml"])).stderr).toMatch(/--format must be one of/);
    expect((await cli(["frobnicate"])).code).toBe(2);
  });

  it("2 when gate names no known provider, or two different ones", async () => {
    const c = await change(cm, cm);
    const unknown = await cli(["gate", "--base", c.base, "--head", c.head, "--cluster", "minikube"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--cluster must be one of local, kind, k3s, kubeconfig/);
    const both = await cli(["gate", "--base", c.base, "--head", c.head, "--stage", "local", "--cluster", "kind"]);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--cluster kind and --stage local name different providers");
  });

  it("reads a side from stdin", async () => {
    const c = await change(cm, cm);
    const r = await cli(["check", "--base", c.base, "--head", "-", "--format", "json"], cm.replace("k: v", "k: z"));
    expect(JSON.parse(r.stdout).changes).toHaveLength(1);
  });

  it("honours kubegate.yaml: severity overrides and acknowledgements", async () => {
    const c = await change(cm, cm + "---\n" + crd);
    await writeFile(join(c.dir, "kubegate.yaml"), "acknowledge:\n  - rule: crd-install\n    name: things.example.com\n    reason: reviewed in PR 42\n");
    const r = await cli(["check", "--base", c.base, "--head", c.head, "--format", "json", "--config", join(c.dir, "kubegate.yaml")]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings[0].acknowledged).toBe("kubegate.yaml: reviewed in PR 42");
    await writeFile(join(c.dir, "bad.yaml"), "rulez: {}\n");
    const bad = await cli(["check", "--base", c.base, "--head", c.head, "--config", join(c.dir, "bad.yaml")]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.yaml:1.*must NOT have additional properties: rulez/);
  });

  it("acknowledges by annotation on the object", async () => {
    const acked = crd.replace("metadata: {name: things.example.com}", "metadata: {name: things.example.com, annotations: {kubegate.dev/acknowledge: crd-install}}");
    const c = await change(cm, cm + "---\n" + acked);
    expect((await cli(["check", "--base", c.base, "--head", c.head])).code).toBe(0);
  });

  it("writes SARIF with file and line", async () => {
    const c = await change(cm, cm + "---\n" + crd);
    const out = join(c.dir, "out.sarif");
    const r = await cli(["check", "--base", c.base, "--head", c.head, "--format", "sarif", "--output", out]);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(await (await import("node:fs/promises")).readFile(out, "utf8"));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine).toBe(6);
  });
});

describe("kubegate CLI interrupted", () => {
  async function interrupted(argv: string[], abort: boolean) {
    const controller = new AbortController();
    if (abort) controller.abort(new Error("interrupted by SIGINT"));
    let stdout = "";
    let stderr = "";
    const decided: number[] = [];
    const code = await runCli(argv, {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      env: { NO_COLOR: "1" },
      cwd: process.cwd(),
      signal: controller.signal,
      decided: (c) => decided.push(c),
    });
    return { code, stdout, stderr, decided };
  }

  it("before the decision is printed: exit 3, no report, no decision", async () => {
    const c = await change(cm, cm.replace("k: v", "k: w"));
    for (const command of ["check", "gate"]) {
      const r = await interrupted([command, "--base", c.base, "--head", c.head], true);
      expect(r.code).toBe(3);
      expect(r.stdout).toBe("");
      expect(r.decided).toEqual([]);
      expect(r.stderr).toContain("kubegate: interrupted by SIGINT: stopped before a decision");
    }
  });

  it("tells the exit code the moment the decision is printed", async () => {
    const c = await change(crd, "");
    for (const command of ["check", "gate"]) {
      const r = await interrupted([command, "--base", c.base, "--head", c.head], false);
      expect(r.code).toBe(1);
      expect(r.decided).toEqual([1]);
    }
  }, 120_000); // gate loads the staging modules: slow on a busy machine
});
