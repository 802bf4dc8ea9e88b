import { cp, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { stripHooks, type SkippedHooks } from "./strip-hooks.js";

export interface WorkingCopy {
  /** The copied tree (a temp folder). */
  root: string;
  /** The folder that was copied: the tree root, widened to reach `bases:` outside it. */
  source: string;
  /** The helmfile folder inside the copy. */
  dir: string;
  /** Skipped hooks by state file (relative to the helmfile folder). */
  skipped: Array<{ file: string } & SkippedHooks>;
  /** State files renamed `<name>.gotmpl` so helmfile v1 templates them (helmfile v0 layout). */
  templated: string[];
  remove(): Promise<void>;
}

export interface WorkingCopyOptions {
  /**
   * helmfile v0 rendered every state file as a Go template; v1 renders only `*.gotmpl`. Repositories
   * written for v0 keep `{{ }}` in helmfile.yaml: their templated state files are renamed in the copy
   * and the `bases:`/`helmfiles:` entries naming them follow.
   */
  legacyTemplates?: boolean;
}

/**
 * A copy of the tree around a helmfile folder (the folder itself, or `treeRoot`, so `../charts`
 * paths keep working) with every hooks block removed from the helmfile state files, for helmfile
 * to read. The user's tree is never written to.
 */
export async function workingCopy(helmfileDir: string, treeRoot: string, options: WorkingCopyOptions = {}): Promise<WorkingCopy> {
  treeRoot = await widenedRoot(helmfileDir, treeRoot);
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
  const templated = options.legacyTemplates ? await renameTemplated(await stateFiles(dir)) : [];
  return { root, source: treeRoot, dir, skipped, templated: templated.map((f) => relative(dir, f).split(sep).join("/")), remove: () => rm(top, { recursive: true, force: true }) };
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

/** How far above the helmfile folder `bases:` may widen the copy when no repository bounds it. */
const MAX_WIDEN_LEVELS = 3;

/**
 * A helmfile folder read outside a git repository (an exported tree) whose `bases:` reach up
 * (`../global.yaml`): the copy must hold them. The root widens to the folder holding them, at most
 * MAX_WIDEN_LEVELS up and never to the filesystem root; a base further out stays missing and
 * helmfile names it.
 */
async function widenedRoot(helmfileDir: string, treeRoot: string): Promise<string> {
  let root = treeRoot;
  for (const file of await stateFiles(helmfileDir)) {
    while (relative(root, file).startsWith("..")) {
      const up = dirname(root);
      if (up === root || dirname(up) === up || relative(up, helmfileDir).split(sep).length > MAX_WIDEN_LEVELS) return root;
      root = up;
    }
  }
  return root;
}

/** Renames state files holding `{{` to `<name>.gotmpl` and points the entries naming them there. */
async function renameTemplated(files: string[]): Promise<string[]> {
  const renamed = new Set<string>();
  for (const file of files) {
    if (file.endsWith(".gotmpl") || !(await readFile(file, "utf8")).includes("{{")) continue;
    await rename(file, `${file}.gotmpl`);
    renamed.add(file);
  }
  if (renamed.size === 0) return [];
  for (const file of files) {
    const path = renamed.has(file) ? `${file}.gotmpl` : file;
    const lines = (await readFile(path, "utf8")).split("\n");
    let inList = false;
    const out = lines.map((line) => {
      if (/^(bases|helmfiles)\s*:/.test(line)) inList = true;
      else if (line.trim() !== "" && !/^[\s-]/.test(line)) inList = false;
      const item = inList ? /^(\s*-\s+(?:path:\s*)?["']?)([^"'{}#\s]+)(["']?\s*(?:#.*)?)$/.exec(line) : null;
      return item && renamed.has(resolve(dirname(file), item[2]!)) ? `${item[1]}${item[2]}.gotmpl${item[3]}` : line;
    });
    await writeFile(path, out.join("\n"));
  }
  return [...renamed];
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
