/**
 * GitHub runs the action on Node 24 (action.yml: `runs.using: node24`): these tests run on it
 * (scripts/with-node24.mjs), and a fresh bundle runs there without a deprecation warning in the log.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { INCIDENT, PACKAGE_DIR, REPO_ROOT, bundledActionEnv, tempDir } from "./helpers.js";

const exec = promisify(execFile);

describe("Node 24", () => {
  it("runs these tests (pnpm test goes through scripts/with-node24.mjs)", () => {
    expect(process.versions.node).toMatch(/^24\./);
  });

  it("a fresh bundle decides incident 002 with nothing on stderr but the decision's error line (no punycode deprecation)", async () => {
    const dist = join(tempDir("kubegate-node24-bundle-"), "dist");
    await exec(process.execPath, [join(PACKAGE_DIR, "scripts", "build.mjs"), dist], { cwd: PACKAGE_DIR });
    const { runnerTemp, env } = bundledActionEnv(join(REPO_ROOT, INCIDENT, "base"), join(REPO_ROOT, INCIDENT, "head"));
    const run = (await exec(process.execPath, [join(dist, "index.js")], { cwd: runnerTemp, env }).catch((e: unknown) => e)) as { stdout: string; stderr: string; code?: number };
    expect(run.code).toBe(1); // blocked
    expect(`${run.stdout}${run.stderr}`).toContain("::error::");
    expect(run.stderr).not.toMatch(/DeprecationWarning|punycode|\(node:\d+\)/);
  }, 120_000);
});
