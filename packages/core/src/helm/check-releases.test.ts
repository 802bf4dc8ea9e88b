import { execFileSync } from "node:child_process";
import { cpSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { findHelm } from "./helm-binary.js";
import { gitRepo } from "./testing/git.js";
import { tempDir, writeTree } from "./testing/charts.js";

const repoRoot = resolve(import.meta.dirname, "../../../..");
const example = join(repoRoot, "examples/helm-global-defaults");

beforeAll(async () => {
  await findHelm(); // builds helm once (minutes) when the tools dir has none
}, 900_000);

async function cli(args: string[], cwd = repoRoot) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: {}, cwd });
  return { code, stdout, stderr };
}

type Json = { decision: string; findings: Array<{ rule: string; severity: string; message: string; baseline?: string; related?: string[]; release?: string; helmSource?: string; file?: string; resource: { kind: string; name: string } }> };

describe("kubegate check on Helm releases", () => {
  it("examples/helm-global-defaults: the global-defaults change blocks and names mw-api-ext", async () => {
    const { code, stdout, stderr } = await cli(["check", "--base", "examples/helm-global-defaults/base", "--head", "examples/helm-global-defaults/head", "--format", "json"]);
    expect(stderr).toMatch(/helm v\d+\.\d+\.\d+: 8 release render\(s\) \(kube-version 1\.34/);
    expect(stderr).toContain("kubegate: rendered 4 releases");
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as Json;
    expect(report.decision).toBe("block");
    const blast = report.findings.find((f) => f.rule === "global-defaults-blast-radius")!;
    // The blast radius explains; mw-api-ext's lost certificate coverage decides.
    expect(blast.severity).toBe("info");
    expect(blast.file).toBe("examples/helm-global-defaults/head/global-defaults.yaml");
    expect(blast.message).toContain("(changed: tls.source) is read by 4 releases; 3 render differently:");
    expect(blast.message).toContain("mw-api-ext: create Certificate mw-api-ext/mediawiki-mw-api-ext-tls-proxy-certs (TLS); update Ingress mw-api-ext/mediawiki-mw-api-ext (TLS)");
    expect(blast.message).toContain("unaffected (render the same): mw-api-int");
    const gap = report.findings.find((f) => f.rule === "tls-source-changed" && f.severity === "critical")!;
    expect(gap.release).toBe("mw-api-ext");
    expect(gap.helmSource).toBe("mediawiki/templates/ingress.yaml");
    expect(gap.file).toBe("examples/helm-global-defaults/head/charts/mediawiki/templates/ingress.yaml");
    expect(gap.message).toContain("hosts mw-api-ext.discovery.wmnet, api-ro.discovery.wmnet");
    expect(gap.message).toContain("for mw-api-int.discovery.wmnet, mediawiki.discovery.wmnet");
    expect(gap.baseline).toBe("new");
    expect(gap.related).toEqual([expect.stringContaining("global-defaults.yaml changed (tls.source), a values file shared by 4 releases")]);
    // The release it was written for renders the same and is never blamed.
    expect(report.findings.filter((f) => f.release === "mw-api-int")).toEqual([]);
  });

  it("shows release and template of rendered findings in text and markdown reports", async () => {
    const args = ["check", "--base", "examples/helm-global-defaults/base", "--head", "examples/helm-global-defaults/head"];
    const text = (await cli(args)).stdout;
    expect(text).toContain("release mw-api-ext, template mediawiki/templates/ingress.yaml");
    const md = (await cli([...args, "--format", "markdown"])).stdout;
    expect(md).toContain("`examples/helm-global-defaults/head/charts/mediawiki/templates/ingress.yaml:3`<br>release `mw-api-ext`");
  });

  it("--base-ref/--head-ref render every release at both commits (worktrees removed afterwards)", async () => {
    const tree = (dir: string) => {
      const files: Record<string, string> = {};
      const walk = (d: string, rel: string): void => {
        for (const e of readdirSync(d, { withFileTypes: true })) {
          if (e.isDirectory()) walk(join(d, e.name), `${rel}${e.name}/`);
          else files[`${rel}${e.name}`] = readFileSync(join(d, e.name), "utf8");
        }
      };
      walk(dir, "");
      return files;
    };
    const repo = await gitRepo([tree(join(example, "base")), tree(join(example, "head"))]);
    const { code, stdout, stderr } = await cli(["check", "--base-ref", "base", "--head-ref", "HEAD", "--format", "json"], repo);
    expect(stderr).toContain("kubegate: rendered 4 releases (base -> HEAD)");
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as Json;
    const blast = report.findings.find((f) => f.rule === "global-defaults-blast-radius")!;
    expect(blast.file).toBe("global-defaults.yaml");
    expect(blast.message).toContain("mw-api-ext:");
    expect(report.findings.some((f) => f.rule === "tls-source-changed" && f.release === "mw-api-ext" && f.file === "charts/mediawiki/templates/ingress.yaml")).toBe(true);
    expect(execFileSync("git", ["worktree", "list"], { cwd: repo, encoding: "utf8" }).trim().split("\n")).toHaveLength(1);
    // Without --head-ref the working tree is head: the same as base here.
    const same = await cli(["check", "--base-ref", "HEAD", "--format", "json"], repo);
    expect(same.code).toBe(0);
    expect((JSON.parse(same.stdout) as Json).findings).toEqual([]);
  });

  it("usage and input errors: --releases on a plain folder, unknown ref, refs with --base", async () => {
    const plain = await writeTree(await tempDir(), { "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n" });
    const r1 = await cli(["check", "--releases", "--base", plain, "--head", plain]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toContain("has no kubegate.yaml `releases:` and no helmfile");
    const repo = await gitRepo([{ "a.txt": "x\n" }]);
    const r2 = await cli(["check", "--base-ref", "nope"], repo);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain("git ref nope does not name a commit");
    const r3 = await cli(["check", "--base-ref", "main", "--base", "x"], repo);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toContain("drop --base/--head");
    // A tree without manifests, releases, helmfile or kustomization has nothing to change.
    const r4 = await cli(["check", "--base-ref", "main"], repo);
    expect(r4.code).toBe(0);
  });

  it("a release broken on both sides is bad input naming release, chart and values (every one at once)", async () => {
    const dir = await tempDir();
    cpSync(join(example, "base"), join(dir, "base"), { recursive: true });
    await writeTree(dir, { "base/values/mw-web.yaml": "host: \"\"\n", "base/values/api-gateway.yaml": "hosts: []\ntls: {source: secret, secretName: null}\n" });
    cpSync(join(dir, "base"), join(dir, "head"), { recursive: true });
    const r = await cli(["check", "--base", join(dir, "base"), "--head", join(dir, "head")], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("release mw-web (namespace mw-web, chart head/charts/mediawiki, values head/global-defaults.yaml, head/values/mw-web.yaml) fails to render on base and head");
    expect(r.stderr).toContain("host is required");
    expect(r.stderr).toContain("release api-gateway");
  });
});
