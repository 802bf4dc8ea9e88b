import { execFile, execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError } from "../model/input-error.js";
import { writeTreeFiles } from "./git-tree-files.js";

export interface RefTree {
  ref: string;
  /** The commit the ref resolved to. */
  commit: string;
  /** The folder in the materialized tree that corresponds to `cwd` (repository subfolders work). */
  dir: string;
}

/**
 * A pull request's content is untrusted: no git command kubegate runs on a user's repository may
 * run its hooks (core.hooksPath=/dev/null) nor a filter or driver its .gitattributes names (files
 * are written from git's object store, see materialize).
 */
const SAFE_GIT = ["-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false"];

function git(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile("git", [...SAFE_GIT, ...args], { cwd, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: "0" } }, (error, stdout, stderr) => {
      if (error) reject(Object.assign(new Error(`git ${args.join(" ")}: ${(stderr || error.message).trim()}`), { stderr }));
      else resolve(stdout);
    });
  });
}

/** Repository root and the path of `cwd` inside it ("" at the root). */
export async function repositoryOf(cwd: string): Promise<{ top: string; prefix: string }> {
  try {
    const top = (await git(["rev-parse", "--show-toplevel"], cwd)).trim();
    const prefix = (await git(["rev-parse", "--show-prefix"], cwd)).trim();
    return { top, prefix };
  } catch (error) {
    throw new InputError([{ file: cwd, message: `--base-ref/--head-ref need a git repository: ${(error as Error).message}` }]);
  }
}

/** Worktrees of this process not removed yet: removed on exit too, should a signal cut a run short. */
const live = new Map<string, string>();
let exitHook = false;
function removeLiveSync(): void {
  for (const [dir, top] of live) {
    try {
      execFileSync("git", [...SAFE_GIT, "worktree", "remove", "--force", dir], { cwd: top, stdio: "ignore" });
    } catch {
      // fall through to the folder removal
    }
    rmSync(dir, { recursive: true, force: true });
  }
  live.clear();
}

/**
 * A detached worktree of `commit` whose files come from git's object store (git-tree-files.ts):
 * a checkout would run smudge filters and other drivers the commit's .gitattributes names.
 */
async function materialize(top: string, dir: string, commit: string): Promise<void> {
  await git(["worktree", "add", "--detach", "--no-checkout", "--quiet", dir, commit], top);
  await writeTreeFiles(top, commit, dir, SAFE_GIT);
}

/**
 * Materializes each ref as a detached worktree (see materialize), runs `fn` with the trees
 * and removes every worktree afterwards: always, whether `fn` succeeds, throws or is aborted.
 */
export async function withGitRefs<T>(cwd: string, refs: string[], fn: (trees: RefTree[]) => Promise<T>): Promise<T> {
  const { top, prefix } = await repositoryOf(cwd);
  const commits: string[] = [];
  const unknown: string[] = [];
  for (const ref of refs) {
    try {
      commits.push((await git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], top)).trim());
    } catch {
      unknown.push(ref);
    }
  }
  if (unknown.length > 0) throw new InputError(unknown.map((ref) => ({ file: top, message: `git ref ${ref} does not name a commit in this repository` })));
  if (!exitHook) {
    exitHook = true;
    process.once("exit", removeLiveSync);
  }
  await git(["worktree", "prune"], top).catch(() => undefined);
  const trees: RefTree[] = [];
  const made: string[] = [];
  try {
    for (const [i, ref] of refs.entries()) {
      const dir = await mkdtemp(join(tmpdir(), `kubegate-ref-${process.pid}-`));
      made.push(dir);
      live.set(dir, top);
      await materialize(top, dir, commits[i]!);
      trees.push({ ref, commit: commits[i]!, dir: prefix ? join(dir, prefix) : dir });
    }
    return await fn(trees);
  } finally {
    for (const dir of made) {
      await git(["worktree", "remove", "--force", dir], top).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
      live.delete(dir);
    }
    await git(["worktree", "prune"], top).catch(() => undefined);
  }
}
