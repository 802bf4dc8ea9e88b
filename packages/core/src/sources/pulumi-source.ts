import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { readPulumiPreview } from "../load/pulumi-preview/index.js";
import { InputError } from "../model/input-error.js";
import type { ResolvedSources, SourceOptions } from "./source-request.js";

/** A Pulumi preview (`-` for stdin): its old states are base, its new states head. */
export async function readPreviewSource(file: string, options: SourceOptions & { cwd: string }): Promise<ResolvedSources> {
  let text: string;
  if (file === "-") {
    if (!options.stdin) throw new InputError([{ file: "<stdin>", message: "--pulumi-preview -: no standard input" }]);
    text = await options.stdin();
  } else {
    try {
      text = await readFile(resolve(options.cwd, file), "utf8");
    } catch (error) {
      throw new InputError([{ file, message: `cannot read: ${(error as Error).message}` }], { cause: error });
    }
  }
  const shown = file === "-" ? "<stdin>" : file;
  const preview = readPulumiPreview(text, shown);
  const notes = [...preview.skipped, ...preview.notes].map((n) => preview.secrets.redact(n));
  return {
    base: preview.base,
    head: preview.head,
    secrets: preview.secrets,
    units: [{ kind: "pulumi-preview", path: shown, side: "head" }],
    notes,
    summary: `read a Pulumi preview (${preview.head.length} resources at head)`,
  };
}
