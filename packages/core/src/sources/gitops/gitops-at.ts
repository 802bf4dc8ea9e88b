import { existsSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fluxClusters, pathOf } from "./flux-clusters.js";
import { isGitOps, scanRepository, type GitOpsIndex } from "./scan-repository.js";

/** A folder the user named inside a GitOps repository. */
export interface GitOpsSelection {
  /** The repository (nearest folder with .git). */
  root: string;
  index: GitOpsIndex;
  /** The named folder, repository-relative ("." for the root). */
  within: string;
}

/**
 * The GitOps repository around a folder, when the folder holds (or is inside) a Flux cluster or
 * declares Argo CD Applications; undefined otherwise (the folder is read as before).
 */
export async function gitopsAt(abs: string, cwd: string): Promise<GitOpsSelection | undefined> {
  const found = await repositoryRoot(abs, cwd);
  if (!found) return undefined;
  const { root, index } = found;
  const within = relative(root, abs).split(sep).join("/") || ".";
  const touches = (path: string): boolean => within === "." || path === within || path.startsWith(`${within}/`) || within.startsWith(`${path}/`);
  const clusters = fluxClusters(index).some(touches);
  const apps = [...index.applications, ...index.applicationSets].some((a) => touches(a.file)) || index.applicationCharts.some(touches);
  return clusters || apps ? { root, index, within } : undefined;
}

/**
 * The repository around a folder: the nearest folder with .git; outside any (a tree exported with
 * git archive), the topmost folder between the current one and the named one whose Flux
 * Kustomization or Application paths exist in it (the exported repository's root).
 */
async function repositoryRoot(abs: string, cwd: string): Promise<{ root: string; index: GitOpsIndex } | undefined> {
  // A folder that declares nothing GitOps is read as before, without reading the whole repository
  // around it (a plain overlay in a large monorepo is the common case).
  const own = await scanRepository(abs);
  if (!isGitOps(own)) return undefined;
  const git = repositoryOf(abs);
  const top = git ?? (relative(cwd, abs).startsWith("..") ? abs : cwd);
  const candidates: string[] = [];
  for (let d = abs; ; d = dirname(d)) {
    candidates.unshift(d);
    if (d === top || dirname(d) === d) break;
  }
  // The repository itself when its Kustomization/Application paths are found from it; else (GitOps
  // files kept in a folder of another repository, an exported tree) the topmost folder they are
  // found from; failing that, the git repository, or the folder named.
  let fallback: { root: string; index: GitOpsIndex } | undefined;
  for (const root of candidates) {
    const index = root === abs ? own : await scanRepository(root);
    if (!isGitOps(index)) return fallback;
    if (pathsResolve(root, index)) return { root, index };
    if (root === git || root === abs) fallback ??= { root, index };
  }
  return fallback;
}

function pathsResolve(root: string, index: GitOpsIndex): boolean {
  const flux = index.fluxKustomizations.map((k) => pathOf(k, index));
  const argo = index.applications.map((a) => (a.object.spec?.source as { path?: unknown } | undefined)?.path);
  return [...flux, ...argo].some((p) => typeof p === "string" && p.replace(/^\.?\/*/, "") !== "" && existsSync(join(root, p)));
}

function repositoryOf(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, ".git"))) return d;
    if (dirname(d) === d) return undefined;
  }
}

