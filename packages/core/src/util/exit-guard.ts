/**
 * What must not outlive the kubegate process even when it exits without its teardown (a second
 * Ctrl-C, an uncaught error, process.exit anywhere): the key files in run dirs, and the process
 * groups kubegate started detached (go builds, sandboxes). Everything here is synchronous, so it
 * also runs from a signal handler that exits right after it and from the process "exit" event.
 *
 * Node builtins only: the CLI's entry loads this before any heavy module (see cli/main.ts).
 */
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

interface GuardedDir {
  /** Entries that stay (the marker that lets `kubegate cleanup` recognise the folder). */
  keep: ReadonlySet<string>;
}

const runIds = new Set<string>();
const dirs = new Map<string, GuardedDir>();
const processGroups = new Set<number>();
const tempDirs = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Normal exits have released everything; this only acts when teardown did not run.
  process.once("exit", () => releaseAllSync());
}

/** Names a run in the forced-exit message until `release` is called (the run's teardown is done). */
export function guardRunId(runId: string): () => void {
  runIds.add(runId);
  return () => runIds.delete(runId);
}

/** Runs started by this process whose teardown has not finished. */
export function unfinishedRunIds(): string[] {
  return [...runIds];
}

/** A folder holding keys: on an exit without teardown, everything in it but `keep` is removed. */
export function guardSecretDir(dir: string, keep: readonly string[]): () => void {
  installExitHook();
  dirs.set(dir, { keep: new Set(keep) });
  return () => dirs.delete(dir);
}

/** A temporary folder of this process (a copy of a repository): removed whole on an exit without teardown. */
export function guardTempDir(dir: string): () => void {
  installExitHook();
  tempDirs.add(dir);
  return () => tempDirs.delete(dir);
}

/** A detached process group (its own pgid): SIGKILLed on an exit without teardown. */
export function guardProcessGroup(pid: number): () => void {
  installExitHook();
  processGroups.add(pid);
  return () => processGroups.delete(pid);
}

/**
 * Kills the guarded process groups, then empties the guarded folders but for their markers.
 * Returns the folders it scrubbed. Best effort: an exit path cannot wait or report failures.
 */
export function releaseAllSync(): string[] {
  for (const pid of processGroups) {
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  processGroups.clear();
  const scrubbed: string[] = [];
  for (const [dir, { keep }] of dirs) {
    scrubDirSync(dir, keep);
    scrubbed.push(dir);
  }
  dirs.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
  return scrubbed;
}

/** Removes every entry of `dir` except those named in `keep`. */
export function scrubDirSync(dir: string, keep: ReadonlySet<string>): void {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (keep.has(entry)) continue;
    try {
      // Retries: a process killed a moment ago may still create a file while the folder goes.
      rmSync(join(dir, entry), { recursive: true, force: true, maxRetries: 3, retryDelay: 20 });
    } catch {
      // left for `kubegate cleanup`
    }
  }
}
