import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { stripHooks, type SkippedHooks } from "./strip-hooks.js";

export interface WorkingCopy {
  /** The copied tree (a temp folder). */
  root: string;
  /** The helmfile folder inside the copy. */
  dir: string;
  /** Skipped hooks by state file (relative to the helmfile folder). */
  skipped: Array<{ file: string } & SkippedHooks>;
  remove(): Promise<void>;
}

/**
 * A copy of the tree around a helmfile folder (the folder itself, or `treeRoot`, so `../charts`
 * paths keep working) with every hooks block removed from the helmfile state files, for helmfile
 * to read. The user's tree is never written to.
 */
export async function workingCopy(helmfileDir: string, treeRoot: string): Promise<WorkingCopy> {
  const top = await mkdtemp(join(tmpdir(), "kubegate-helmfile-"));
  const root = join(top, "tree");
  await cp(treeRoot, root, { recursive: true, filter: (src) => basename(src) !== ".git" && basename(src) !== "node_modules", verbatimSymlinks: true });
  const dir = join(root, relative(treeRoot, helmfileDir));
  const skipped: WorkingCopy["skipped"] = [];
  for (const file of await stateFiles(dir)) {
    const text = await readFile(file, "utf8");
    const stripped = stripHooks(text);
    if (stripped.skipped.length === 0) continue;
    await writeFile(file, stripped.text);
    const shown = relative(dir, file).split(sep).join("/");
    skipped.push(...stripped.skipped.map((s) => ({ file: shown, ...s })));
  }
  return { root, dir, skipped, remove: () => rm(top, { recursive: true, force: true }) };
}

const STATE_NAME = /^helmfile.*\.(ya?ml)(\.gotmpl)?$/;

/** helmfile.yaml(.gotmpl), everything in helmfile.d/, and the files their `bases:` name. */
async function stateFiles(dir: string): Promise<string[]> {
  const found = new Set<string>();
  for (const entry of await readdir(dir, { withFileTypes: true })) if (entry.isFile() && STATE_NAME.test(entry.name)) found.add(join(dir, entry.name));
  const d = join(dir, "helmfile.d");
  if (existsSync(d)) {
    for (const entry of await readdir(d, { withFileTypes: true, recursive: true })) {
      if (entry.isFile() && /\.(ya?ml|gotmpl)$/.test(entry.name)) found.add(join(entry.parentPath, entry.name));
    }
  }
  for (const file of [...found]) for (const base of await basesOf(file)) if (existsSync(base)) found.add(base);
  return [...found];
}

/** Paths listed under `bases:` (plain list items; templated ones are left to the backstop). */
async function basesOf(file: string): Promise<string[]> {
  const lines = (await readFile(file, "utf8")).split("\n");
  const out: string[] = [];
  let inBases = false;
  for (const line of lines) {
    if (/^bases\s*:/.test(line)) {
      inBases = true;
      continue;
    }
    if (!inBases) continue;
    const item = /^\s*-\s+["']?([^"'{}#\s]+)["']?\s*$/.exec(line);
    if (item) out.push(resolve(dirname(file), item[1]!));
    else if (line.trim() !== "" && !/^\s/.test(line)) inBases = false;
  }
  return out;
}
