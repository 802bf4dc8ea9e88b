import { buildSides } from "../../check/build-sides.js";
import { loadConfig } from "../../config/load-config.js";
import { loadManifests } from "../../load/load-manifests.js";
import { renderReport } from "../../report/render-report.js";
import { colorWanted } from "../../report/text/colors.js";
import { oneOf, parse, requireList } from "../args.js";
import type { CliIo } from "../io.js";
import { LIMIT_FLAG_OPTIONS, readOptions, validateInputFlags } from "../input-flags.js";

export const DIFF_USAGE = `kubegate diff --base <path> --head <path> [--format text|json|markdown] [--config <file>]
              [--max-file-size <MiB>] [--max-depth <n>] [--max-keys <n>] [--max-documents <n>]
  Resource-by-resource, field-by-field diff with noise removed and secrets masked. Exit 0.`;

export async function diffCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, {
    base: { type: "string", multiple: true },
    head: { type: "string", multiple: true },
    format: { type: "string" },
    config: { type: "string" },
    ...LIMIT_FLAG_OPTIONS,
  });
  const format = oneOf(values.format, ["text", "json", "markdown"] as const, "format", "text");
  await validateInputFlags(values, io);
  const config = await loadConfig(values.config as string | undefined);
  const read = readOptions(values, io);
  const base = await loadManifests(requireList(values, "base"), read);
  const head = await loadManifests(requireList(values, "head"), read);
  const sides = buildSides(base, head, {
    ...(config.defaultNamespace ? { defaultNamespace: config.defaultNamespace } : {}),
    ...(config.ignoreDifferences ? { ignoreDifferences: config.ignoreDifferences } : {}),
  });
  const input = { decision: "pass" as const, reasons: [`${sides.changes.length} resource(s) changed`], findings: [], changes: sides.changes, secrets: sides.secrets };
  io.stdout.write(renderReport(input, format, { color: colorWanted(io.stdout, io.env), patches: true }));
  return 0;
}
