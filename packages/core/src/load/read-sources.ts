import { appendAll } from "../util/append-all.js";
import { readdir, readFile } from "node:fs/promises";
import { extname, join, relative } from "node:path";
import { InputError } from "../model/input-error.js";
import { pathKind, readFailure } from "./file-kind.js";
import { DEFAULT_LIMITS, LIMIT_FLAGS, limitsOf, type LoadLimits } from "./limits.js";
import { readStdinLimited } from "./read-stdin.js";

export interface SourceText {
  file: string;
  text: string;
  format: "yaml" | "json";
}

export interface ReadOptions {
  /** Files (and stdin) larger than this are refused with a clear error instead of exhausting memory. */
  maxFileBytes?: number;
  /** Depth, keys, documents: see LoadLimits (maxFileBytes above wins over limits.maxFileBytes). */
  limits?: Partial<LoadLimits>;
  /** Text to use for the path "-" (defaults to reading process.stdin, up to maxFileBytes). */
  stdin?: () => Promise<string>;
  /** Paths in messages are made relative to this folder. */
  cwd?: string;
  /** Receives what was skipped and why (a FIFO inside a folder, ...). */
  note?: (message: string) => void;
}

export const DEFAULT_MAX_FILE_BYTES = DEFAULT_LIMITS.maxFileBytes;
const MANIFEST_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

export function readLimits(options: ReadOptions): LoadLimits {
  return limitsOf({ ...options.limits, ...(options.maxFileBytes !== undefined ? { maxFileBytes: options.maxFileBytes } : {}) });
}

/** Expands files, folders (recursively, sorted for determinism) and "-" into texts. */
export async function readSources(paths: string[], options: ReadOptions = {}): Promise<SourceText[]> {
  const max = readLimits(options).maxFileBytes;
  const out: SourceText[] = [];
  for (const path of paths) {
    if (path === "-") {
      const text = options.stdin ? await options.stdin() : await readStdinLimited(max);
      if (Buffer.byteLength(text) > max) throw tooBig("<stdin>", Buffer.byteLength(text), max);
      out.push({ file: "<stdin>", text, format: "yaml" });
      continue;
    }
    const shown = (file: string): string => (options.cwd ? relative(options.cwd, file) || file : file);
    for (const { file, size } of await expand(path, shown, options.note)) {
      if (size > max) throw tooBig(shown(file), size, max);
      const text = await readFile(file, "utf8").catch((error: unknown) => {
        throw new InputError([{ file: shown(file), message: readFailure(error) }], { cause: error });
      });
      out.push({ file: shown(file), text, format: extname(file) === ".json" ? "json" : "yaml" });
    }
  }
  return out;
}

function tooBig(file: string, size: number, max: number): InputError {
  return new InputError([{ file, message: `${size > max * 2 ? "more than" : "is"} ${mib(size)} MiB, over the ${mib(max)} MiB limit (raise with ${LIMIT_FLAGS.maxFileBytes})` }]);
}

type Found = { file: string; size: number };

/** A named path: a regular file, or a folder walked for manifests. Anything else is refused by name. */
async function expand(path: string, shown: (file: string) => string, note?: (message: string) => void): Promise<Found[]> {
  const kind = await pathKind(path);
  if (kind.kind === "file") return [{ file: path, size: kind.size }];
  if (kind.kind === "broken") throw new InputError([{ file: shown(path), message: kind.why }]);
  if (kind.kind === "special") throw new InputError([{ file: shown(path), message: `is ${kind.what}, not a regular file or folder: refused, never read` }]);
  return walk(path, shown, note);
}

async function walk(folder: string, shown: (file: string) => string, note?: (message: string) => void): Promise<Found[]> {
  const entries = await readdir(folder, { withFileTypes: true }).catch((error: unknown) => {
    throw new InputError([{ file: shown(folder), message: `folder ${readFailure(error)}` }], { cause: error });
  });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const files: Found[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const full = join(folder, entry.name);
    // Symbolic links to folders are not followed (no loops); links to manifests are read.
    if (entry.isDirectory()) appendAll(files, await walk(full, shown, note));
    else if (MANIFEST_EXTENSIONS.has(extname(entry.name))) {
      const kind = await pathKind(full);
      if (kind.kind === "file") files.push({ file: full, size: kind.size });
      else if (kind.kind === "broken") throw new InputError([{ file: shown(full), message: kind.why }]);
      else note?.(`${shown(full)}: skipped, ${kind.kind === "folder" ? "a link to a folder" : `${kind.what}, not a regular file`} (never read)`);
    }
  }
  return files;
}

const mib = (n: number): string => (n / 1024 / 1024).toFixed(1);
