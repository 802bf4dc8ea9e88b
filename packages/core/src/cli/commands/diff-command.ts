import { buildSides } from "../../check/build-sides.js";
import { streamLogger } from "../../log/logger.js";
import { renderReport } from "../../report/render-report.js";
import { colorWanted } from "../../report/text/colors.js";
import { resolveSources } from "../../sources/resolve-sources.js";
import { registerHelmValues } from "../../secrets/helm-values.js";
import { oneOf, parse } from "../args.js";
import type { CliIo } from "../io.js";
import { SOURCE_FLAGS, SOURCE_USAGE, sourceOptions, sourceRequest } from "./source-flags.js";

export const DIFF_USAGE = `kubegate diff --base <path> --head <path> [--format text|json|markdown] [--config <file>]
              (or --base-ref/--head-ref, --pulumi-preview <file>, --environment, --chart-repo: the inputs of check)
  Resource-by-resource, field-by-field diff with noise removed and secrets masked. Exit 0.
${SOURCE_USAGE}`;

export async function diffCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { ...SOURCE_FLAGS, format: { type: "string" } });
  const format = oneOf(values.format, ["text", "json", "markdown"] as const, "format", "text");
  const { options } = await sourceOptions(values, io, streamLogger(io.stderr));
  const sources = await resolveSources(sourceRequest(values), options);
  const config = options.config ?? sources.treeConfig ?? {};
  const sides = buildSides(sources.base, sources.head, {
    ...(sources.secrets ? { secrets: sources.secrets } : {}),
    ...(config.defaultNamespace ? { defaultNamespace: config.defaultNamespace } : {}),
    ...(config.ignoreDifferences ? { ignoreDifferences: config.ignoreDifferences } : {}),
  });
  if (sources.helm) registerHelmValues(sides.secrets, sources.helm);
  if (sources.summary) io.stderr.write(`kubegate: ${sides.secrets.redact(sources.summary)}\n`);
  const input = { decision: "pass" as const, reasons: [`${sides.changes.length} resource(s) changed`], findings: [], changes: sides.changes, secrets: sides.secrets };
  io.stdout.write(renderReport(input, format, { color: colorWanted(io.stdout, io.env), patches: true }));
  return 0;
}
