import { pendingSignals } from "../interrupts.js";
import { check, type CheckResult } from "../../check/check.js";
import { exitCodeFor } from "../../decide/decide.js";
import { streamLogger } from "../../log/logger.js";
import { renderReport } from "../../report/render-report.js";
import { REPORT_FORMATS } from "../../report/report-input.js";
import { colorWanted } from "../../report/text/colors.js";
import { oneOf, parse } from "../args.js";
import type { CliIo } from "../io.js";
import type { GateOn } from "../../model/finding.js";
import { writeOutputFile } from "../input-flags.js";
import { SOURCE_FLAGS, SOURCE_USAGE, sourceOptions, sourceRequest } from "./source-flags.js";

export const CHECK_USAGE = `kubegate check --base <path> --head <path> [--format text|json|markdown|sarif] [--output <file>]
               [--config <file>] [--kube-version <x.y>]
               [--environment <name>] [--chart-repo <name>=<path>]... [--gate-on changes|everything]
  Diffs base and head, runs every rule and decides pass / warn / block on what the change
  introduces: findings base already had are listed as unchanged and do not gate
  (--gate-on everything, or kubegate.yaml gate: everything, gates them too: audits).
${SOURCE_USAGE}
kubegate check --base-ref <ref> [--head-ref <ref>] [options above]
  Reads the current folder (helmfile, kustomization, Helm releases or manifests) at both git refs
  (git worktree; head defaults to the working tree) and checks the change. --releases insists that
  --base/--head folders declare Helm releases (kubegate.yaml or a helmfile).
kubegate check --pulumi-preview <file> [options above]
  Checks the Kubernetes resources of \`pulumi preview --json --show-sames\` output (- for stdin):
  old states against new states, Pulumi's own replaces included; findings name the file and URN.
  Exit: 0 pass or warn, 1 block, 2 bad input or usage, 3 internal error.`;

/** The flags `check` and `gate` share: what to compare and how to report it. */
export const CHECK_FLAGS = {
  ...SOURCE_FLAGS,
  format: { type: "string" },
  output: { type: "string" },
  "gate-on": { type: "string" },
} as const;

const GATE_ON: readonly GateOn[] = ["changes", "everything"];

export async function checkCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, CHECK_FLAGS);
  const format = oneOf(values.format, REPORT_FORMATS, "format", "text");
  const result = await staticCheck(values, io, { patches: format !== "json" && format !== "sarif" });
  const report = renderReport(result, format, { color: !values.output && colorWanted(io.stdout, io.env) });
  await pendingSignals();
  io.signal?.throwIfAborted(); // interrupted before the decision was printed: no decision (exit 3)
  const code = exitCodeFor(result.decision, result.config.failOn);
  io.decided?.(code);
  if (values.output) {
    await writeOutputFile("output", values.output as string, report, io.cwd);
    io.stderr.write(`kubegate: ${result.decision} (${result.findings.length} findings), report written to ${values.output as string}\n`);
  } else io.stdout.write(report);
  return code;
}

/**
 * The static check from parsed flags, through the library's one entry point (`check`, which reads
 * every input kind in src/sources). `gate` stages the very objects this returns.
 */
export async function staticCheck(values: Record<string, unknown>, io: CliIo, extra: { patches: boolean }): Promise<CheckResult> {
  const logger = streamLogger(io.stderr);
  const { options } = await sourceOptions(values, io, logger);
  const gateOn = values["gate-on"] !== undefined ? { gateOn: oneOf(values["gate-on"], GATE_ON, "gate-on", "changes") } : {};
  const result = await check(sourceRequest(values), { ...options, ...gateOn, patches: extra.patches });
  if (result.sources?.summary) io.stderr.write(`kubegate: ${result.secrets.redact(result.sources.summary)}\n`);
  return result;
}
