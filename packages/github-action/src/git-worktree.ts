import { execFile } from "node:child_process";
import { rm } from "node:fs/promises";

/** A git worktree the action added; the post step removes it. */
export interface Worktree {
  repo: string;
  dir: string;
}

/**
 * Runs git without a shell. Hooks are switched off: checking out a pull request's tree must never
 * run code from it (or from anywhere else), the action only reads manifests.
 */
export function git(args: readonly string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("git", ["-c", "core.hooksPath=/dev/null", ...args], { cwd, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`git ${args.join(" ")} failed: ${stderr.trim() || error.message}`, { cause: error }));
      else resolve(stdout.trim());
    });
  });
}

/** The commit a ref names, with a hint when a shallow clone lacks it. */
export async function resolveCommit(repo: string, ref: string, input: string): Promise<string> {
  try {
    return await git(["rev-parse", "--verify", "--end-of-options", `${ref}^{commit}`], repo);
  } catch (error) {
    throw new Error(
      `${input} "${ref}" is not a commit of the repository in ${repo}. The action compares two trees of a local clone: check out with actions/checkout and fetch-depth: 0 (a shallow clone lacks the base commit).`,
      { cause: error },
    );
  }
}

/** The best common ancestor of two commits (what a pull request's diff starts from). */
export async function mergeBase(repo: string, a: string, b: string): Promise<string | undefined> {
  try {
    return await git(["merge-base", a, b], repo);
  } catch {
    return undefined;
  }
}

/** Checks out `commit`'s tree, detached, into the empty folder `dir`. */
export async function addWorktree(repo: string, commit: string, dir: string): Promise<Worktree> {
  await git(["worktree", "add", "--detach", "--quiet", dir, commit], repo);
  return { repo, dir };
}

/** Removes a worktree and its folder; safe to call twice. */
export async function removeWorktree(worktree: Worktree): Promise<void> {
  try {
    await git(["worktree", "remove", "--force", worktree.dir], worktree.repo);
  } finally {
    await rm(worktree.dir, { recursive: true, force: true });
    await git(["worktree", "prune"], worktree.repo).catch(() => undefined);
  }
}
