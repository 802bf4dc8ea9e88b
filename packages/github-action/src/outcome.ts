import { exitCodeFor, type Decision } from "@kubegate/core";

export interface Outcome {
  failed: boolean;
  message: string;
}

/** Whether the job fails (block, error, and warn under fail-on: warn) and the line that says why. */
export function outcomeFor(decision: Decision, failOn: "block" | "warn", reasons: readonly string[]): Outcome {
  const why = reasons.length > 0 ? `: ${reasons.join("; ")}` : "";
  const failed = exitCodeFor(decision, failOn) !== 0;
  switch (decision) {
    case "error":
      return { failed, message: `kubegate could not finish the check (failing closed)${why}` };
    case "block":
      return { failed, message: `kubegate blocked this change${why}` };
    case "warn":
      return { failed, message: failed ? `kubegate warns about this change and fail-on is warn${why}` : `kubegate warns about this change${why}` };
    case "pass":
      return { failed, message: `kubegate found no risky change${why}` };
  }
}
