/**
 * GitHub runs the action on Node 24 (action.yml: `runs.using: node24`): these tests run on it
 * (scripts/with-node24.mjs), and a fresh bundle runs there without a deprecation warning in the log.
 */
import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { INCIDENT, PACKAGE_DIR, REPO_ROOT, tempDir } from "./helpers.js";

const exec = promisify(execFile);

describe("Node 24", () => {
  it("runs these tests (pnpm test goes through scripts/with-node24.mjs)", () => {
    expect(process.versions.node).toMatch(/^24\./);
  });

  it("a fresh bundle decides incident 002 with nothing on stderr but the decision's error line (no punycode deprecation)", async () => {
    const dist = join(tempDir("kubegate-node24-bundle-"), "dist");
    await exec(process.execPath, [join(PACKAGE_DIR, "scripts", "build.mjs"), dist], { cwd: PACKAGE_DIR });
    const runnerTemp = tempDir();
    const files = ["output", "state", "summary"].map((f) => join(runnerTemp, f));
    for (const f of files) writeFileSync(f, "");
    const env = {
      PATH: process.env["PATH"] ?? "",
      GITHUB_WORKSPACE: REPO_ROOT,
      RUNNER_TEMP: runnerTemp,
      GITHUB_OUTPUT: files[0]!,
      GITHUB_STATE: files[1]!,
      GITHUB_STEP_SUMMARY: files[2]!,
      INPUT_BASE: join(REPO_ROOT, INCIDENT, "base"),
      INPUT_HEAD: join(REPO_ROOT, INCIDENT, "head"),
      INPUT_COMMENT: "false",
      INPUT_PATHS: ".",
      INPUT_STAGE: "off",
    };
    const run = (await exec(process.execPath, [join(dist, "index.js")], { cwd: runnerTemp, env }).catch((e: unknown) => e)) as { stdout: string; stderr: string; code?: number };
    expect(run.code).toBe(1); // blocked
    expect(`${run.stdout}${run.stderr}`).toContain("::error::");
    expect(run.stderr).not.toMatch(/DeprecationWarning|punycode|\(node:\d+\)/);
  }, 120_000);
});
