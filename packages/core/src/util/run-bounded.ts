import { spawn } from "node:child_process";

export interface BoundedRun {
  code: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface BoundedRunOptions {
  env: NodeJS.ProcessEnv;
  cwd?: string;
  signal?: AbortSignal;
  /** Killed after this long (default 120 s). */
  timeoutMs?: number;
  /** Killed past this much stdout (default 256 MiB: far beyond any real render). */
  maxOutput?: number;
}

/**
 * Runs a tool kubegate ships (helm, helmfile, kustomize) with a chosen environment, a time limit and
 * an output limit, so a hostile chart or overlay can neither hang a run nor exhaust its memory.
 */
export function runBounded(path: string, args: readonly string[], options: BoundedRunOptions): Promise<BoundedRun> {
  const limit = options.maxOutput ?? 256 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const child = spawn(path, args, { env: options.env, stdio: ["ignore", "pipe", "pipe"], ...(options.cwd ? { cwd: options.cwd } : {}), ...(options.signal ? { signal: options.signal } : {}) });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs ?? 120_000);
    child.stdout.on("data", (b: Buffer) => {
      size += b.length;
      if (size > limit) child.kill("SIGKILL");
      else out.push(b);
    });
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString("utf8") + (size > limit ? `\nError: ${path.split("/").pop()} printed more than ${limit / 1024 / 1024} MiB` : "");
      resolve({ code: code ?? 1, stdout: Buffer.concat(out).toString("utf8"), stderr, timedOut });
    });
  });
}

/** The last `n` non-empty lines of a tool's stderr (helm's "Use --debug" hint dropped). */
export function lastLines(text: string, n: number): string[] {
  return text.split("\n").map((l) => l.trimEnd()).filter((l) => l !== "" && !/^Use --debug flag/.test(l)).slice(-n);
}
