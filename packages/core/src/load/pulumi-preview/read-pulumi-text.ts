import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { pathKind, readFailure } from "../file-kind.js";
import { readLimits, type ReadOptions } from "../read-sources.js";
import { readStdinLimited } from "../read-stdin.js";
import { InputError } from "../../model/input-error.js";

/** The text of --pulumi-preview <file|->, with the same refusals and size limit as manifests. */
export async function readPulumiText(file: string, read: ReadOptions & { cwd: string }): Promise<string> {
  const max = readLimits(read).maxFileBytes;
  if (file === "-") return read.stdin ? read.stdin() : readStdinLimited(max);
  const path = resolve(read.cwd, file);
  const kind = await pathKind(path);
  if (kind.kind === "broken") throw new InputError([{ file, message: kind.why }]);
  if (kind.kind !== "file") throw new InputError([{ file, message: `is ${kind.kind === "folder" ? "a folder" : kind.what}, not a pulumi preview file: refused, never read` }]);
  if (kind.size > max) throw new InputError([{ file, message: `${(kind.size / 1048576).toFixed(1)} MiB, over the ${(max / 1048576).toFixed(1)} MiB limit (raise with --max-file-size <MiB>)` }]);
  return readFile(path, "utf8").catch((error: unknown) => {
    throw new InputError([{ file, message: readFailure(error) }], { cause: error });
  });
}
