import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: the examples are read from there, as a workflow would. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const PACKAGE_DIR = resolve(REPO_ROOT, "packages", "github-action");
export const INCIDENT = "examples/incidents/002_39c5003ca62642a8";
export const BENIGN = "examples/benign/image-bump";

export function tempDir(prefix = "kubegate-action-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * A GITHUB_STEP_SUMMARY file for a whole test file: core.summary caches the path it first wrote
 * to, so tests share one file and `reset()` empties it between tests.
 */
export function summaryFile(): { path: string; read: () => string; reset: () => void } {
  const path = join(tempDir("kubegate-summary-"), "step-summary.md");
  writeFileSync(path, "");
  return { path, read: () => readFileSync(path, "utf8"), reset: () => writeFileSync(path, "") };
}

/**
 * A runner's environment for running the bundled action as a process on base/head paths (no PR
 * comment, no staging): a fresh RUNNER_TEMP with empty output, state and summary files.
 */
export function bundledActionEnv(base: string, head: string): { runnerTemp: string; env: NodeJS.ProcessEnv } {
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
    INPUT_BASE: base,
    INPUT_HEAD: head,
    INPUT_COMMENT: "false",
    INPUT_PATHS: ".",
    INPUT_STAGE: "off",
  };
  return { runnerTemp, env };
}
