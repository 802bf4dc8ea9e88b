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
