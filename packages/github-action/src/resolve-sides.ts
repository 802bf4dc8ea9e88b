import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { ActionInputs } from "./inputs.js";
import { addWorktree, mergeBase, resolveCommit, type Worktree } from "./git-worktree.js";

/** One side of the change: manifest paths to load, and the folder file names are relative to. */
export interface Side {
  root: string;
  paths: string[];
  /** The commit this side was checked out from (refs mode). */
  commit?: string;
}

export interface Sides {
  base: Side;
  head: Side;
  mode: "paths" | "refs";
}

/** The part of the event payload the action reads (pull_request or push). */
export interface EventPayload {
  pull_request?: { base?: { sha?: string }; head?: { sha?: string } };
  before?: string;
  after?: string;
}

export interface SidesContext {
  workspace: string;
  tempDir: string;
  eventName: string | undefined;
  payload: EventPayload;
  /** Called as soon as a worktree exists, so the post step can remove it even after a crash. */
  onWorktree: (worktree: Worktree) => void;
  log?: (line: string) => void;
}

const NULL_SHA = /^0+$/;

/** base/head paths as given, or the `paths` inside each ref's tree (git worktree). */
export async function resolveSides(inputs: ActionInputs, ctx: SidesContext): Promise<Sides> {
  if (inputs.base.length > 0) {
    return {
      mode: "paths",
      base: { root: ctx.workspace, paths: inputs.base.map((p) => resolve(ctx.workspace, p)) },
      head: { root: ctx.workspace, paths: inputs.head.map((p) => resolve(ctx.workspace, p)) },
    };
  }
  const refs = await pickRefs(inputs, ctx);
  const base = await checkout(refs.base, "base", ctx);
  const head = await checkout(refs.head, "head", ctx);
  // helm-releases names the platform trees to read instead of `paths`.
  const paths = inputs.helmReleases.length > 0 ? inputs.helmReleases : inputs.paths;
  const missing = paths.filter((p) => !existsSync(join(base.root, p)) && !existsSync(join(head.root, p)));
  if (missing.length > 0) {
    throw new Error(`${inputs.helmReleases.length > 0 ? "helm-releases" : "paths"}: ${missing.map((p) => `"${p}"`).join(", ")} exist(s) in neither base (${refs.base}) nor head (${refs.head})`);
  }
  // A folder that only one side has (added or removed by the change) is an empty other side.
  const within = (side: Side): Side => ({ ...side, paths: paths.map((p) => join(side.root, p)).filter((p) => existsSync(p)) });
  return { mode: "refs", base: within(base), head: within(head) };
}

async function pickRefs(inputs: ActionInputs, ctx: SidesContext): Promise<{ base: string; head: string }> {
  const pr = ctx.payload.pull_request;
  const eventHead = pr?.head?.sha ?? (ctx.payload.after && !NULL_SHA.test(ctx.payload.after) ? ctx.payload.after : undefined);
  const eventBase = pr?.base?.sha ?? (ctx.payload.before && !NULL_SHA.test(ctx.payload.before) ? ctx.payload.before : undefined);
  const headRef = inputs.headRef ?? eventHead;
  const baseRef = inputs.baseRef ?? eventBase;
  if (!baseRef || !headRef) {
    throw new Error(
      `nothing to compare on a ${ctx.eventName ?? "local"} event: set base and head (manifest paths), or base-ref and head-ref (git refs); on pull_request events they default to the pull request's base and head commits`,
    );
  }
  const head = await resolveCommit(ctx.workspace, headRef, "head-ref");
  let base = await resolveCommit(ctx.workspace, baseRef, "base-ref");
  if (inputs.baseRef === undefined && pr) {
    // The base branch may have moved since the pull request branched: compare from the merge
    // base (what the pull request's diff shows), or commits on base would look reverted.
    const fork = await mergeBase(ctx.workspace, base, head);
    if (fork && fork !== base) {
      ctx.log?.(`base ${base.slice(0, 12)} moved since the pull request branched: comparing from the merge base ${fork.slice(0, 12)}`);
      base = fork;
    }
  }
  return { base, head };
}

async function checkout(commit: string, side: "base" | "head", ctx: SidesContext): Promise<Side> {
  const dir = await mkdtemp(join(ctx.tempDir, `kubegate-${side}-`));
  // Registered before `git worktree add`, so a failure half-way is still cleaned up.
  ctx.onWorktree({ repo: ctx.workspace, dir });
  await addWorktree(ctx.workspace, commit, dir);
  ctx.log?.(`${side}: ${commit.slice(0, 12)} checked out in ${dir}`);
  return { root: dir, paths: [], commit };
}
