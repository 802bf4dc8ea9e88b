import { readdir, readFile, stat } from "node:fs/promises";
import { extname, join, relative } from "node:path";
import { InputError } from "../model/input-error.js";

export interface SourceText {
  file: string;
  text: string;
  format: "yaml" | "json";
}

export interface ReadOptions {
  /** Files larger than this are refused with a clear error instead of exhausting memory. */
  maxFileBytes?: number;
  /** Text to use for the path "-" (defaults to reading process.stdin). */
  stdin?: () => Promise<string>;
  /** Paths in messages are made relative to this folder. */
  cwd?: string;
}

export const DEFAULT_MAX_FILE_BYTES = 64 * 1024 * 1024;
const MANIFEST_EXTENSIONS = new Set([".yaml", ".yml", ".json"]);

/** Expands files, folders (recursively, sorted for determinism) and "-" into texts. */
export async function readSources(paths: string[], options: ReadOptions = {}): Promise<SourceText[]> {
  const max = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const out: SourceText[] = [];
  for (const path of paths) {
    if (path === "-") {
      const text = await (options.stdin ?? readStdin)();
      out.push({ file: "<stdin>", text, format: "yaml" });
      continue;
    }
    for (const file of await expand(path)) {
      const size = (await stat(file)).size;
      const shown = options.cwd ? relative(options.cwd, file) || file : file;
      if (size > max) {
        throw new InputError([{ file: shown, message: `file is ${mib(size)} MiB, over the ${mib(max)} MiB limit (--max-file-size)` }]);
      }
      const text = await readFile(file, "utf8");
      out.push({ file: shown, text, format: extname(file) === ".json" ? "json" : "yaml" });
    }
  }
  return out;
}

async function expand(path: string): Promise<string[]> {
  let info;
  try {
    info = await stat(path);
  } catch {
    throw new InputError([{ file: path, message: "no such file or folder" }]);
  }
  if (info.isFile()) return [path];
  const entries = await readdir(path, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const full = join(path, entry.name);
    if (entry.isDirectory()) files.push(...(await expand(full)));
    else if (MANIFEST_EXTENSIONS.has(extname(entry.name))) files.push(full);
  }
  return files;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new InputError([{ file: "<stdin>", message: "'-' reads manifests from standard input, but it is a terminal" }]);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const mib = (n: number): string => (n / 1024 / 1024).toFixed(1);
