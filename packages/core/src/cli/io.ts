/** The process surface the CLI touches, injectable so tests run it in-process. */
export interface CliIo {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  readStdin?: () => Promise<string>;
  /** Aborted on SIGINT/SIGTERM: long-running commands tear down and exit. */
  signal?: AbortSignal;
  /**
   * Told the exit code the moment a decision is printed: from then on an interrupt keeps that
   * code (the decision stands) instead of failing closed.
   */
  decided?: (exitCode: number) => void;
  /** Test hook (KUBEGATE_TEST_PAUSE_AT, see test-pause.ts): awaited at each phase boundary. */
  pause?: (phase: string) => Promise<void>;
}

export class UsageError extends Error {
  override name = "UsageError";
}

export const EXIT = { pass: 0, block: 1, usage: 2, input: 2, internal: 3 } as const;
