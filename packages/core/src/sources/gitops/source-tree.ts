import { cp, lstat, mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { InputError } from "../../model/input-error.js";
import { guardTempDir } from "../../util/exit-guard.js";

/**
 * A folder a GitOps controller reads (the repository, or an artifact assembled from it), copied
 * where kubegate may write: Flux generates a kustomization.yaml in folders that have none, and so
 * does kubegate, never in the user's checkout. Symbolic links are left out: a link in a pull
 * request must not make kubegate read files outside the repository.
 */
export interface SourceTree {
  /** The copy. */
  dir: string;
  /** How a path relative to the copy is shown: the repository file it came from. */
  shown(rel: string): string;
}

export interface TreeCopies {
  /** The repository itself. */
  repository: SourceTree;
  /** A Flux ArtifactGenerator artifact, assembled from the repository by its copy rules. */
  artifact(name: string, copies: ArtifactCopy[]): Promise<SourceTree>;
  dispose(): Promise<void>;
}

/** One `copy:` rule of an ArtifactGenerator artifact, with the `@alias/` and `@artifact/` prefixes cut. */
export interface ArtifactCopy {
  from: string;
  to: string;
}

const SKIPPED = new Set([".git", "node_modules"]);

export async function copyRepository(root: string): Promise<TreeCopies> {
  const work = await mkdtemp(join(tmpdir(), "kubegate-gitops-"));
  // A second Ctrl-C exits without teardown: the copy goes with the process all the same.
  const unguard = guardTempDir(work);
  const remove = async (): Promise<void> => {
    await rm(work, { recursive: true, force: true });
    unguard();
  };
  const repoDir = join(work, "repository");
  try {
    await copyFolder(root, repoDir);
  } catch (error) {
    await remove();
    const path = (error as NodeJS.ErrnoException).path;
    const shown = path ? relative(root, path) || "." : ".";
    throw new InputError([{ file: shown, message: `cannot read it to build the GitOps repository (${(error as NodeJS.ErrnoException).code ?? "read error"})` }], { cause: error });
  }
  const artifacts = new Map<string, SourceTree>();
  return {
    repository: { dir: repoDir, shown: (rel) => toPosix(rel) },
    async artifact(name, copies) {
      const known = artifacts.get(name);
      if (known) return known;
      const dir = join(work, `artifact-${artifacts.size}`);
      const origins = await assemble(repoDir, dir, copies);
      const tree = { dir, shown: (rel: string) => originOf(origins, toPosix(rel)) };
      artifacts.set(name, tree);
      return tree;
    },
    dispose: remove,
  };
}

async function copyFolder(from: string, to: string): Promise<void> {
  await cp(from, to, {
    recursive: true,
    filter: async (source) => {
      const name = source.split(sep).pop() ?? "";
      if (SKIPPED.has(name) && source !== from) return false;
      return !(await lstat(source)).isSymbolicLink();
    },
  });
}

/** The repository file or folder an artifact path came from (a folder: through any file under it). */
function originOf(origins: ReadonlyMap<string, string>, rel: string): string {
  const exact = origins.get(rel);
  if (exact) return exact;
  const prefix = rel === "" || rel === "." ? "" : `${rel}/`;
  for (const [file, origin] of origins) {
    if (!file.startsWith(prefix)) continue;
    const rest = file.slice(prefix.length);
    if (origin.endsWith(`/${rest}`) || origin === rest) return origin.slice(0, origin.length - rest.length).replace(/\/$/, "") || ".";
  }
  return rel;
}

/**
 * ArtifactGenerator copy rules: `from: "@repo/apps/base/**"` to `"@artifact/base/"` puts every
 * file under apps/base at base/ in the artifact. Returns, for each artifact file, the repository
 * file it came from.
 */
async function assemble(repoDir: string, dir: string, copies: ArtifactCopy[]): Promise<Map<string, string>> {
  const origins = new Map<string, string>();
  await mkdir(dir, { recursive: true });
  for (const rule of copies) {
    const { base, recursive } = globBase(rule.from);
    const from = resolve(repoDir, base);
    if (!from.startsWith(repoDir)) continue;
    for (const file of await listFiles(from, recursive)) {
      const rel = relative(from, file);
      const target = resolve(dir, rule.to.replace(/^\/+/, ""), rel);
      if (!target.startsWith(dir)) continue;
      await mkdir(dirname(target), { recursive: true });
      await cp(file, target);
      origins.set(toPosix(relative(dir, target)), toPosix(relative(repoDir, file)));
    }
  }
  return origins;
}

/** "apps/base/**" -> apps/base, recursive; "apps/*.yaml" -> apps, one level (the pattern's files). */
function globBase(pattern: string): { base: string; recursive: boolean } {
  const parts = pattern.split("/");
  const firstGlob = parts.findIndex((p) => /[*?[]/.test(p));
  if (firstGlob < 0) return { base: pattern, recursive: true };
  return { base: parts.slice(0, firstGlob).join("/") || ".", recursive: parts.slice(firstGlob).includes("**") };
}

async function listFiles(dir: string, recursive: boolean, out: string[] = []): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && recursive) await listFiles(path, recursive, out);
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

function toPosix(path: string): string {
  return path.split(sep).join("/");
}
