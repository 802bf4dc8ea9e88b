import { stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import type { LoadLimits } from "../load/limits.js";
import { readFailure } from "../load/file-kind.js";
import { InputError } from "../model/input-error.js";
import { UsageError, type CliIo } from "./io.js";

/** Flags that raise the input limits (load/limits.ts); `check`, `gate` and `diff` take them. */
export const LIMIT_FLAG_OPTIONS = {
  "max-file-size": { type: "string" },
  "max-depth": { type: "string" },
  "max-keys": { type: "string" },
  "max-documents": { type: "string" },
} as const;

const LIMIT_OF_FLAG: Record<keyof typeof LIMIT_FLAG_OPTIONS, keyof LoadLimits> = {
  "max-file-size": "maxFileBytes",
  "max-depth": "maxDepth",
  "max-keys": "maxKeys",
  "max-documents": "maxDocuments",
};

/** A positive number, or a usage error naming the flag (a typo must not silently mean "default"). */
export function positiveNumber(values: Record<string, unknown>, flag: string, integer: boolean): number | undefined {
  const raw = values[flag];
  if (raw === undefined) return undefined;
  const text = String(raw).trim();
  const n = Number(text);
  if (text === "" || !Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${flag} takes a positive ${integer ? "whole number" : "number"}`);
  }
  return n;
}

export function limitFlags(values: Record<string, unknown>): Partial<LoadLimits> {
  const out: Partial<LoadLimits> = {};
  for (const [flag, limit] of Object.entries(LIMIT_OF_FLAG) as Array<[keyof typeof LIMIT_OF_FLAG, keyof LoadLimits]>) {
    const n = positiveNumber(values, flag, flag !== "max-file-size");
    if (n !== undefined) out[limit] = flag === "max-file-size" ? Math.round(n * 1024 * 1024) : n;
  }
  return out;
}

export interface CliReadOptions {
  cwd: string;
  limits: Partial<LoadLimits>;
  maxFileBytes?: number;
  stdin?: () => Promise<string>;
  note: (message: string) => void;
}

export function readOptions(values: Record<string, unknown>, io: CliIo): CliReadOptions {
  const limits = limitFlags(values);
  return {
    cwd: io.cwd,
    limits,
    ...(limits.maxFileBytes !== undefined ? { maxFileBytes: limits.maxFileBytes } : {}),
    ...(io.readStdin ? { stdin: io.readStdin } : {}),
    note: (message) => io.stderr.write(`kubegate: note: ${message}\n`),
  };
}

/** Flag values checked before any work: malformed ones are usage errors (exit 2), never ignored. */
export async function validateInputFlags(values: Record<string, unknown>, io: CliIo): Promise<void> {
  const stdinSides = (["base", "head"] as const).filter((side) => listOf(values[side]).includes("-"));
  if (stdinSides.length > 1 || stdinSides.some((side) => listOf(values[side]).filter((p) => p === "-").length > 1)) {
    throw new UsageError("standard input (-) can be read once: give it to --base or --head, not both");
  }
  const kubeVersion = values["kube-version"];
  if (kubeVersion !== undefined && !/^v?\d+\.\d+(\.\d+)?$/.test(String(kubeVersion))) {
    throw new UsageError("--kube-version takes a Kubernetes version like 1.34");
  }
  limitFlags(values);
  for (const flag of ["output", "junit"]) if (typeof values[flag] === "string") await checkOutputFolder(flag, values[flag] as string, io.cwd);
}

async function checkOutputFolder(flag: string, file: string, cwd: string): Promise<void> {
  const folder = dirname(resolve(cwd, file));
  const info = await stat(folder).catch((error: unknown) => {
    throw new InputError([{ file, message: `--${flag}: its folder ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : readFailure(error)}` }]);
  });
  if (!info.isDirectory()) throw new InputError([{ file, message: `--${flag}: its parent is not a folder` }]);
}

/** Writes a report file; a failure is bad input (exit 2) naming the file, not a crash. */
export async function writeOutputFile(flag: string, file: string, text: string, cwd: string): Promise<void> {
  const { writeFile } = await import("node:fs/promises");
  await writeFile(resolve(cwd, file), text).catch((error: unknown) => {
    throw new InputError([{ file, message: `--${flag}: cannot write the report (${readFailure(error)})` }], { cause: error });
  });
}

const listOf = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : typeof v === "string" ? [v] : []);
