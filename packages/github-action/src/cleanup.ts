import * as core from "@actions/core";
import { STATE } from "./constants.js";
import { removeWorktree, type Worktree } from "./git-worktree.js";

/** The post step: removes the worktrees the main step added. Best effort: warns, never fails the job. */
export async function cleanup(): Promise<void> {
  if (!core.getState(STATE.started)) return; // the main step never ran: nothing of ours to remove
  let worktrees: Worktree[] = [];
  try {
    const saved = core.getState(STATE.worktrees);
    worktrees = saved ? (JSON.parse(saved) as Worktree[]) : [];
  } catch (error) {
    core.warning(`kubegate cleanup: unreadable state ${STATE.worktrees}: ${String(error)}`);
  }
  for (const worktree of worktrees) {
    try {
      await removeWorktree(worktree);
      core.info(`kubegate cleanup: removed worktree ${worktree.dir}`);
    } catch (error) {
      core.warning(`kubegate cleanup: could not remove worktree ${worktree.dir}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
