import { writeFile } from "node:fs/promises";
import { check } from "../../check/check.js";
import { loadConfig } from "../../config/load-config.js";
import { exitCodeFor } from "../../decide/decide.js";
import { renderReport } from "../../report/render-report.js";
import { REPORT_FORMATS } from "../../report/report-input.js";
import { colorWanted } from "../../report/text/colors.js";
import { oneOf, parse, requireList } from "../args.js";
import type { CliIo } from "../io.js";

export const CHECK_USAGE = `kubegate check --base <path> --head <path> [--format text|json|markdown|sarif] [--output <file>]
               [--config <file>] [--kube-version <x.y>] [--max-file-size <MiB>]
  Diffs base and head, runs every rule and decides pass / warn / block.
  <path> is a file, a folder (recursive .yaml/.yml/.json) or - for stdin; repeat to add more.
  Exit: 0 pass or warn, 1 block, 2 bad input or usage, 3 internal error.`;

export async function checkCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, {
    base: { type: "string", multiple: true },
    head: { type: "string", multiple: true },
    format: { type: "string" },
    output: { type: "string" },
    config: { type: "string" },
    "kube-version": { type: "string" },
    "max-file-size": { type: "string" },
  });
  const format = oneOf(values.format, REPORT_FORMATS, "format", "text");
  const config = await loadConfig(values.config as string | undefined);
  const result = await check(
    { base: requireList(values, "base"), head: requireList(values, "head") },
    {
      config,
      ...(values["kube-version"] ? { kubeVersion: values["kube-version"] as string } : {}),
      read: readOptions(values, io),
      patches: format !== "json" && format !== "sarif",
    },
  );
  const report = renderReport(result, format, { color: !values.output && colorWanted(io.stdout, io.env) });
  if (values.output) {
    await writeFile(values.output as string, report);
    io.stderr.write(`kubegate: ${result.decision} (${result.findings.length} findings), report written to ${values.output as string}\n`);
  } else io.stdout.write(report);
  return exitCodeFor(result.decision, config.failOn);
}

export function readOptions(values: Record<string, unknown>, io: CliIo): { cwd: string; maxFileBytes?: number; stdin?: () => Promise<string> } {
  const mib = values["max-file-size"] !== undefined ? Number(values["max-file-size"]) : undefined;
  return {
    cwd: io.cwd,
    ...(mib !== undefined && Number.isFinite(mib) && mib > 0 ? { maxFileBytes: mib * 1024 * 1024 } : {}),
    ...(io.readStdin ? { stdin: io.readStdin } : {}),
  };
}
