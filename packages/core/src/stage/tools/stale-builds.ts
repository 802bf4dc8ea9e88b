/**
 * Work folders of tool builds (`<tmp>/kubegate-<tool>-XXXXXX`) outlive a build that is killed
 * part-way (a CI timeout, Ctrl-C twice during the first staged run). `kubegate cleanup` removes
 * them, and the hidden staging folders such builds left in the tools dir, but never those of a
 * build still running: one whose tool has a lock (any version: another kubegate may pin another)
 * held by a live process, whose own marker names a live process (a build using another tools
 * dir), or in which a process is working (a build by a kubegate that writes no marker).
 */
import { readFile, readdir, readlink, rm, stat, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { alive as isAlive, liveLockOwner } from "./lock-file.js";
import { isToolName, type ToolName } from "./versions.js";

export const BUILD_DIR_PREFIX = "kubegate-";
const MARKER = "kubegate-build.json";
/** A folder without a marker may be one whose build has not written it yet. */
const UNMARKED_GRACE_MS = 60_000;

interface BuildMarker {
  tool: string;
  version: string;
  pid: number;
  host: string;
}

/** Written first into a build's work folder: which process builds there. */
export async function writeBuildMarker(dir: string, tool: ToolName, version: string): Promise<void> {
  const marker: BuildMarker = { tool, version, pid: process.pid, host: hostname() };
  await writeFile(join(dir, MARKER), `${JSON.stringify(marker)}\n`);
}

/** The tool a temp dir entry is a build folder of (mkdtemp adds six characters), if any. */
export function buildFolderTool(entry: string): ToolName | undefined {
  const match = /^kubegate-(.+)-[A-Za-z0-9]{6}$/.exec(entry);
  return match && isToolName(match[1]!) ? match[1] : undefined;
}

/** Removes build folders of builds that are gone; returns what it removed. */
export async function removeStaleBuilds(toolsDir: string, tempDir = tmpdir()): Promise<string[]> {
  const removed: string[] = [];
  for (const entry of await readdir(tempDir).catch(() => [] as string[])) {
    const tool = buildFolderTool(entry);
    if (!tool) continue;
    const path = join(tempDir, entry);
    if (await buildRunning(path, tool, toolsDir)) continue;
    await rm(path, { recursive: true, force: true, maxRetries: 3 });
    removed.push(`tool build folder ${path}`);
  }
  for (const entry of await readdir(toolsDir).catch(() => [] as string[])) {
    // `.build-<tool>-<version>-<pid>`: the staging folder of a build by <pid>.
    const pid = Number(/^\.build-.+-(\d+)$/.exec(entry)?.[1]);
    if (!Number.isInteger(pid) || isAlive(pid)) continue;
    await rm(join(toolsDir, entry), { recursive: true, force: true, maxRetries: 3 });
    removed.push(`tool staging folder ${join(toolsDir, entry)}`);
  }
  return removed;
}

async function buildRunning(path: string, tool: ToolName, toolsDir: string): Promise<boolean> {
  if (await toolLockHeld(tool, toolsDir)) return true;
  const marker = await readMarker(path);
  if (marker && (marker.host !== hostname() || isAlive(marker.pid))) return true;
  if (await someProcessWorksIn(path)) return true;
  const age = await stat(path).then((s) => Date.now() - s.mtimeMs, () => Infinity);
  return !marker && age < UNMARKED_GRACE_MS;
}

/** `<tool>-<version>.lock` of any version, held by a live process on this host. */
async function toolLockHeld(tool: ToolName, toolsDir: string): Promise<boolean> {
  const prefix = `${tool}-`;
  for (const entry of await readdir(toolsDir).catch(() => [] as string[])) {
    if (!entry.startsWith(prefix) || !/^v?\d[^/]*\.lock$/.test(entry.slice(prefix.length))) continue;
    if (await liveLockOwner(join(toolsDir, entry))) return true;
  }
  return false;
}

/** Whether a process's working directory is in `dir` (go builds run there). Linux /proc. */
async function someProcessWorksIn(dir: string): Promise<boolean> {
  for (const pid of await readdir("/proc").catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => "");
    if (cwd === dir || cwd.startsWith(`${dir}/`)) return true;
  }
  return false;
}

async function readMarker(dir: string): Promise<BuildMarker | undefined> {
  try {
    const parsed = JSON.parse(await readFile(join(dir, MARKER), "utf8")) as Partial<BuildMarker>;
    return typeof parsed.pid === "number" && typeof parsed.host === "string" ? (parsed as BuildMarker) : undefined;
  } catch {
    return undefined;
  }
}
