/**
 * How the sandbox supervisor ended, from what its parent `unshare --fork` reports. unshare
 * passes a child's death by signal on by re-raising that signal on itself; for SIGKILL, which
 * cannot be unblocked, util-linux (2.38 at least) prints "unshare: sigprocmask unblock failed:
 * Invalid argument" and exits 1 instead. That line is unshare's, not the supervisor's: it is
 * translated, never shown as if it were a clue.
 */
import type { SandboxExit } from "./sandbox.js";

const SIGKILL_RERAISE_FAILED = /^unshare: sigprocmask unblock failed\b/;

export interface SupervisorFate {
  /** "killed by SIGKILL", "exit code 2" */
  how: string;
  /** unshare's stderr without the lines explained by `how`. */
  lines: string[];
}

export function supervisorFate(unshareExit: SandboxExit, stderrLines: readonly string[]): SupervisorFate {
  const reraiseFailed = stderrLines.some((l) => SIGKILL_RERAISE_FAILED.test(l));
  const lines = stderrLines.filter((l) => !SIGKILL_RERAISE_FAILED.test(l));
  if (unshareExit.signal) return { how: `killed by ${unshareExit.signal}`, lines };
  if (reraiseFailed) return { how: "killed by SIGKILL", lines };
  return { how: `exit code ${unshareExit.code}`, lines };
}

/**
 * The one-line account of a component's death for a StagingError: the component itself, or the
 * supervisor when that is what took the component along (the component died second).
 */
export function describeDeath(component: string, exit: SandboxExit, tail: string): string {
  if (exit.supervisorDied) {
    const { how, lastLines } = exit.supervisorDied;
    return `the sandbox supervisor died (${how}), taking ${component} and every other process of the run with it${lastLines ? `; its last lines:\n${lastLines}` : ""}`;
  }
  const how = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code}`;
  return `${component} died during the run (${how})${tail ? `; its last log lines:\n${tail}` : ""}`;
}
