/** One problem with the user's input, located precisely enough to fix it. */
export interface InputProblem {
  file: string;
  line?: number;
  /** 1-based column, when a parser knows it. */
  column?: number;
  documentIndex?: number;
  message: string;
}

/**
 * Bad input (exit code 2). Holds every problem found, not just the first, so a user fixes
 * a broken change in one round trip.
 */
export class InputError extends Error {
  /** The failure kind (see KubegateFailure): bad input, exit 2. */
  readonly kind = "input" as const;
  readonly problems: InputProblem[];
  constructor(problems: InputProblem[], options?: { cause?: unknown }) {
    super(problems.map(formatProblem).join("\n"), options);
    this.name = "InputError";
    this.problems = problems;
  }
}

export function formatProblem(p: InputProblem): string {
  const where = [p.file, p.line, p.line !== undefined ? p.column : undefined].filter((part) => part !== undefined && part !== "").join(":");
  const doc = p.documentIndex !== undefined ? ` (document ${p.documentIndex + 1})` : "";
  return `${where}${doc}: ${p.message}`;
}
