import { readPulumiPreview } from "../load/pulumi-preview/index.js";
import { readPulumiText } from "../load/pulumi-preview/read-pulumi-text.js";
import type { ResolvedSources, SourceOptions } from "./source-request.js";

/** A Pulumi preview (`-` for stdin): its old states are base, its new states head. */
export async function readPreviewSource(file: string, options: SourceOptions & { cwd: string }): Promise<ResolvedSources> {
  // The same refusals (folders, FIFOs, devices, broken links) and size limit as manifests.
  const text = await readPulumiText(file, {
    cwd: options.cwd,
    ...(options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.stdin ? { stdin: options.stdin } : {}),
  });
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
