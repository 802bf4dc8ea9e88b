import { existsSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { argoCluster } from "./argo-application.js";
import { fluxClusters } from "./flux-clusters.js";
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
export async function gitopsAt(abs: string): Promise<GitOpsSelection | undefined> {
  // Outside any repository (a tree exported with git archive), the folder named is the repository.
  const root = repositoryOf(abs) ?? abs;
  const index = await scanRepository(root);
  if (!isGitOps(index)) return undefined;
  const within = relative(root, abs).split(sep).join("/") || ".";
  const touches = (path: string): boolean => within === "." || path === within || path.startsWith(`${within}/`) || within.startsWith(`${path}/`);
  const clusters = fluxClusters(index).some(touches);
  const apps = [...index.applications, ...index.applicationSets].some((a) => touches(a.file));
  return clusters || apps ? { root, index, within } : undefined;
}

function repositoryOf(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, ".git"))) return d;
    if (dirname(d) === d) return undefined;
  }
}

export { argoCluster };
