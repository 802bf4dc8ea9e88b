import type { InputProblem } from "./input-error.js";

/**
 * Why kubegate could not finish, typed so callers branch on `kind` instead of parsing text:
 * bad input (exit 2), a rule that crashed, or staging that broke (both decide "error", exit 3).
 */
export type KubegateFailure =
  | { kind: "input"; message: string; problems: InputProblem[] }
  | { kind: "rule"; rule: string; message: string }
  | { kind: "staging"; message: string; logs?: Record<string, string> };

/** The line a failure adds to a decision's reasons. */
export function failureText(failure: KubegateFailure): string {
  if (failure.kind === "rule") return `rule ${failure.rule} crashed: ${failure.message}`;
  if (failure.kind === "staging") return `staging failed: ${failure.message}`;
  return failure.message;
}
