/** Runs the `go` command, streaming its output lines and keeping the last ones. */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";
import { guardProcessGroup } from "../../util/exit-guard.js";

/** The go binary: $KUBEGATE_GO, else `go` on PATH, else /usr/local/go/bin/go. */
export function goBinary(): string {
  const fromEnv = process.env["KUBEGATE_GO"];
  if (fromEnv) return fromEnv;
  for (const dir of (process.env["PATH"] ?? "").split(delimiter)) {
    if (dir && existsSync(join(dir, "go"))) return join(dir, "go");
  }
  return existsSync("/usr/local/go/bin/go") ? "/usr/local/go/bin/go" : "go";
}

/**
 * Environment for every go command: never fetch another toolchain, ignore any
 * go.work and the user's GOFLAGS (flags are passed explicitly), pure-Go binaries.
 */
export function goEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GOTOOLCHAIN: "local",
    GOWORK: "off",
    GOFLAGS: "",
    CGO_ENABLED: "0",
    ...extra,
  };
}

export class GoCommandError extends Error {
  constructor(
    message: string,
    readonly tail: readonly string[],
    readonly stdout: string = "",
  ) {
    super(message);
    this.name = "GoCommandError";
  }
}

export interface RunGoOptions {
  readonly cwd: string;
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
  /** How many trailing output lines to keep for the error message. */
  readonly tailLines?: number;
  /** Do not pass stdout lines to log (e.g. JSON output). */
  readonly quietStdout?: boolean;
  /** Extra environment variables (on top of goEnv()). */
  readonly env?: Readonly<Record<string, string>>;
}

/** Runs `go ...args`; resolves with its stdout, rejects with the last output lines. */
export function runGo(args: readonly string[], opts: RunGoOptions): Promise<string> {
  const tailMax = opts.tailLines ?? 30;
  const tail: string[] = [];
  const remember = (line: string): void => {
    tail.push(line);
    if (tail.length > tailMax) tail.shift();
  };
  const cmd = `go ${args.join(" ")}`;

  return new Promise<string>((resolve, reject) => {
    if (opts.signal?.aborted) {
      reject(new Error(`aborted before: ${cmd}`));
      return;
    }
    // Own process group, so an abort can stop go *and* the compilers it started.
    const child = spawn(goBinary(), [...args], {
      cwd: opts.cwd,
      env: goEnv(opts.env),
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    // Detached, so it would outlive a kubegate that exits without waiting (a second Ctrl-C).
    const releaseGroup = child.pid !== undefined ? guardProcessGroup(child.pid) : () => true;
    const onAbort = (): void => {
      if (child.pid !== undefined) {
        try {
          process.kill(-child.pid, "SIGTERM");
        } catch {
          // already gone
        }
      }
    };
    opts.signal?.addEventListener("abort", onAbort, { once: true });

    let stdout = "";
    const lineSplitter = (onLine: (l: string) => void): ((chunk: Buffer) => void) => {
      let partial = "";
      return (chunk) => {
        partial += chunk.toString("utf8");
        const lines = partial.split("\n");
        partial = lines.pop() ?? "";
        for (const l of lines) onLine(l);
      };
    };
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString("utf8");
    });
    if (!opts.quietStdout) {
      child.stdout.on(
        "data",
        lineSplitter((l) => {
          remember(l);
          opts.log?.(l);
        }),
      );
    }
    child.stderr.on(
      "data",
      lineSplitter((l) => {
        remember(l);
        opts.log?.(l);
      }),
    );

    child.on("error", (err) => {
      releaseGroup();
      opts.signal?.removeEventListener("abort", onAbort);
      reject(new GoCommandError(`${cmd}: ${err.message}`, tail, stdout));
    });
    child.on("close", (code, sig) => {
      releaseGroup();
      opts.signal?.removeEventListener("abort", onAbort);
      if (code === 0) resolve(stdout);
      else if (opts.signal?.aborted) reject(new GoCommandError(`${cmd}: aborted`, tail, stdout));
      else reject(new GoCommandError(`${cmd}: exited with ${sig ?? `code ${code}`}`, tail, stdout));
    });
  });
}
