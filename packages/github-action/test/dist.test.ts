/**
 * The committed dist/ is what the action runs: it must be what the sources build to, and it must
 * run with no node_modules at all (a workflow gets only the repository's files).
 */
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { check } from "@kubegate/core";
import { PACKAGE_DIR, REPO_ROOT, bundledActionEnv, tempDir } from "./helpers.js";

const exec = promisify(execFile);

describe("dist/", () => {
  it("is what the sources build to (pnpm run bundle was run)", async () => {
    const result = await exec(process.execPath, [join(PACKAGE_DIR, "scripts", "check-dist.mjs")], { cwd: PACKAGE_DIR }).catch((e: { stderr: string; code: number }) => e);
    expect(result.stderr).toBe("dist/ is up to date\n");
  }, 120_000);

  it("holds the two entry points as ES modules for node24", () => {
    expect(JSON.parse(readFileSync(join(PACKAGE_DIR, "dist", "package.json"), "utf8"))).toEqual({ type: "module" });
    expect(existsSync(join(PACKAGE_DIR, "dist", "index.js"))).toBe(true);
    expect(existsSync(join(PACKAGE_DIR, "dist", "post.js"))).toBe(true);
  });

  it("holds core's staging scripts beside index.js, self-contained (node builtins only), where core looks for them", () => {
    const index = readFileSync(join(PACKAGE_DIR, "dist", "index.js"), "utf8");
    for (const script of ["sandbox-supervisor.js", "echo-server.js"]) {
      const text = readFileSync(join(PACKAGE_DIR, "dist", script), "utf8");
      const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)"([^"]+)"/g)].map((m) => m[1]!);
      expect(specifiers.length, script).toBeGreaterThan(0);
      expect(specifiers.filter((s) => !s.startsWith("node:")), script).toEqual([]);
      expect(index, script).toContain(`"${script}"`); // the name core looks for beside its (bundled) module
    }
  });

  describe("runs without node_modules and decides like the library", () => {
    // Copied out of the repository: no node_modules folder anywhere above it.
    const copy = join(tempDir("kubegate-dist-alone-"), "dist");
    cpSync(join(PACKAGE_DIR, "dist"), copy, { recursive: true });
    const empty = join(tempDir(), "empty.yaml");
    writeFileSync(empty, "");

    const examples = ["incidents", "benign"].flatMap((kind) =>
      readdirSync(join(REPO_ROOT, "examples", kind))
        .filter((name) => existsSync(join(REPO_ROOT, "examples", kind, name, "head")))
        .map((name) => ({ name: `examples/${kind}/${name}`, base: join(REPO_ROOT, "examples", kind, name, "base"), head: join(REPO_ROOT, "examples", kind, name, "head") })),
    );
    // Fixtures of the rules that load schema libraries lazily (bundled by scripts/bundled-models.mjs).
    const fixtures = ["schema-invalid", "custom-resource-invalid"].flatMap((rule) => {
      const dir = join(REPO_ROOT, "packages", "core", "src", "rules", rule, "fixtures", "fires");
      return existsSync(dir)
        ? readdirSync(dir).map((name) => ({
            name: `${rule}/${name}`,
            base: existsSync(join(dir, name, "base.yaml")) ? join(dir, name, "base.yaml") : empty,
            head: join(dir, name, "head.yaml"),
          }))
        : [];
    });

    it.each([...examples, ...fixtures])("$name", async ({ base, head }) => {
      const { runnerTemp, env } = bundledActionEnv(base, head);
      await exec(process.execPath, [join(copy, "index.js")], { cwd: runnerTemp, env }).catch((e: unknown) => e);
      const bundled = JSON.parse(readFileSync(join(runnerTemp, "kubegate-report.json"), "utf8")) as { decision: string; findings: Array<{ rule: string }> };
      const library = await check({ base: [base], head: [head] });
      expect(bundled.decision).toBe(library.decision);
      expect(bundled.findings.map((f) => f.rule)).toEqual(library.findings.map((f) => f.rule));
    });
  });

  it("post step does nothing, successfully, when the main step added no worktree", async () => {
    const dir = tempDir();
    const stateFile = join(dir, "state");
    mkdirSync(join(dir, "x"));
    writeFileSync(stateFile, "");
    const { stdout } = await exec(process.execPath, [join(PACKAGE_DIR, "dist", "post.js")], { cwd: dir, env: { PATH: process.env["PATH"] ?? "", GITHUB_STATE: stateFile } });
    expect(stdout).toBe("");
  });
});
