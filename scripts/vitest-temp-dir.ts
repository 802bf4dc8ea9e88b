/**
 * Vitest global setup shared by the packages: every test run gets its own TMPDIR, removed when
 * the run ends, so temp files of tests (scratch repositories, fixtures written on the fly, tool
 * build scratch) never pile up in /tmp, even when a test forgets its own cleanup.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), "kubegate-tests-"));
  process.env.TMPDIR = dir;
  return () => {
    rmSync(dir, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}
