/**
 * SIGINT/SIGTERM for the CLI, one rule for every moment of a run:
 * - before the decision is printed: abort, tear down, exit 3 "stopped before a decision";
 * - after it: the decision stands (its exit code), teardown finishes;
 * - a second signal forces the exit at once: the exit guard kills what kubegate started
 *   detached and removes the runs' keys, and the message names each unfinished run and the
 *   exact `kubegate cleanup --run-id` command for what is left.
 * Never 130. Node builtins and small modules only: installed before the CLI's modules load.
 */
import { releaseAllSync, unfinishedRunIds } from "../util/exit-guard.js";
import { EXIT } from "./io.js";

export interface Interrupts {
  readonly signal: AbortSignal;
  /** The decision's exit code, once printed. */
  decided(exitCode: number): void;
  /** Removes the handlers (tests). */
  uninstall(): void;
}

type Stream = { write(s: string): unknown };

/** Where signals come from: the process, or an emitter in tests. */
export type SignalSource = Pick<NodeJS.Process, "on" | "off">;

export function installInterruptHandlers(stderr: Stream, exit: (code: number) => void = (code) => process.exit(code), source: SignalSource = process): Interrupts {
  const controller = new AbortController();
  let decision: number | undefined;
  let received = 0;
  const onSignal = (sig: NodeJS.Signals): void => {
    received++;
    if (received > 1) {
      forcedExit(sig, decision, stderr);
      exit(decision ?? EXIT.internal);
      return;
    }
    stderr.write(
      decision === undefined
        ? `\nkubegate: ${sig}, cleaning up (again to force)\n`
        : `\nkubegate: ${sig} after the decision: finishing teardown, the exit code stays ${decision} (again to force)\n`,
    );
    controller.abort(new Error(`interrupted by ${sig}`));
  };
  const onInt = (): void => onSignal("SIGINT");
  const onTerm = (): void => onSignal("SIGTERM");
  source.on("SIGINT", onInt);
  source.on("SIGTERM", onTerm);
  return {
    signal: controller.signal,
    decided: (code) => (decision = code),
    uninstall: () => {
      source.off("SIGINT", onInt);
      source.off("SIGTERM", onTerm);
    },
  };
}

/** Synchronous: keys and detached processes go, then one message says what may be left. */
function forcedExit(sig: NodeJS.Signals, decision: number | undefined, stderr: Stream): void {
  const runs = unfinishedRunIds();
  releaseAllSync();
  const outcome = decision === undefined ? "stopped before a decision (failing closed, exit 3)" : `the decision stands (exit ${decision})`;
  const lines = [`kubegate: ${sig} again: forced exit before teardown finished; ${outcome}`];
  for (const runId of runs) {
    lines.push(`  run ${runId}: its keys are removed; processes or its run folder may be left. Remove them with:`, `  kubegate cleanup --run-id ${runId}`);
  }
  stderr.write(`${lines.join("\n")}\n`);
}

/**
 * Lets a signal that arrived during synchronous work (a long check holds the event loop) reach
 * its handler before the caller decides: without this turn of the loop a Ctrl-C pressed mid-check
 * was only seen after the decision was printed, and the run exited 0 instead of 3.
 */
export async function pendingSignals(): Promise<void> {
  // libuv reads signals in its poll phase. One immediate may run in the check phase right after
  // the poll that preceded the synchronous work (and an expired timer fires before the poll): two
  // immediates always have a poll phase between them.
  const immediate = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  await immediate();
  await immediate();
}
