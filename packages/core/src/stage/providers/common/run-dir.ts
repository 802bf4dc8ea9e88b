/**
 * The run's temp dir, `<os.tmpdir()>/kubegate-<runId>`: certificates, kubeconfigs, etcd data.
 * A marker file makes it recognisable, so cleanup never touches other `kubegate-*` folders
 * (e.g. the tool builder's work dirs) and knows which process owns it.
 */
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { guardSecretDir, scrubDirSync } from "../../../util/exit-guard.js";

export const RUN_DIR_PREFIX = "kubegate-";
const MARKER = "kubegate-run.json";

export interface RunMarker {
  runId: string;
  provider: string;
  /** pid of the kubegate process that owns the run. */
  pid: number;
  createdAt: string;
}

/** Release functions of the exit guard, per run dir this process created. */
const guarded = new Map<string, () => void>();

export function runDirPath(runId: string): string {
  return join(tmpdir(), `${RUN_DIR_PREFIX}${runId}`);
}

/** Creates the run's dir (private: it holds keys); fails if the run id was used before. */
export async function createRunDir(runId: string, provider: string): Promise<string> {
  const dir = runDirPath(runId);
  try {
    await mkdir(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    throw new Error(`run id ${runId} was used before (${dir} exists); pick another, or remove it with \`kubegate cleanup --run-id ${runId}\``);
  }
  const marker: RunMarker = { runId, provider, pid: process.pid, createdAt: new Date().toISOString() };
  await writeFile(join(dir, MARKER), `${JSON.stringify(marker, null, 2)}\n`);
  // An exit that skips teardown (a second Ctrl-C) still removes the keys; the marker stays for cleanup.
  guarded.set(dir, guardSecretDir(dir, [MARKER]));
  return dir;
}

/** Run dirs found in the temp dir (only those with a readable marker). */
export async function listRunDirs(): Promise<Array<{ path: string; marker: RunMarker }>> {
  const found: Array<{ path: string; marker: RunMarker }> = [];
  for (const entry of await readdir(tmpdir()).catch(() => [] as string[])) {
    if (!entry.startsWith(RUN_DIR_PREFIX)) continue;
    const path = join(tmpdir(), entry);
    try {
      const marker = JSON.parse(await readFile(join(path, MARKER), "utf8")) as RunMarker;
      if (typeof marker.runId === "string" && typeof marker.pid === "number") found.push({ path, marker });
    } catch {
      // not a run dir
    }
  }
  return found;
}

/**
 * First step of a teardown: the run's keys, certificates, kubeconfigs and tokens go before any
 * process is stopped, so a teardown cut short leaves none. `keep` names entries still in use
 * (etcd's data dir, while etcd runs); the marker always stays until removeRunDir.
 */
export function removeRunSecrets(dir: string, keep: readonly string[] = []): void {
  scrubDirSync(dir, new Set([MARKER, ...keep]));
}

export async function removeRunDir(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true, maxRetries: 3 });
  guarded.get(path)?.();
  guarded.delete(path);
}
