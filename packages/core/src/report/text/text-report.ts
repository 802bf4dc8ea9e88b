import { findingLabel } from "../resource-label.js";
import { describeTarget } from "../../check/target-version.js";
import type { Finding, Severity } from "../../model/finding.js";
import { describeRef } from "../../normalize/normalize.js";
import type { ReportInput } from "../report-input.js";
import { changeLabel } from "../resource-label.js";
import { palette, type Palette } from "./colors.js";

export interface TextOptions {
  color?: boolean;
  /** Print unified patches of every change (the `diff` command), not just the list. */
  patches?: boolean;
}

export function textReport(input: ReportInput, options: TextOptions = {}): string {
  const c = palette(options.color ?? false);
  const lines: string[] = [];
  if (input.sources?.summary) lines.push(c.dim(`Sources: ${input.sources.summary}`), ...input.sources.notes.map((n) => c.dim(`  note: ${n}`)), "");
  lines.push(c.bold(`Changes (${input.changes.length})`));
  for (const change of input.changes) {
    const reasons = change.replaceReasons.length ? c.dim(` (${change.replaceReasons.join("; ")})`) : "";
    lines.push(`  ${opColor(change.op, c)} ${changeLabel(change)}${reasons}`);
    if (options.patches && change.patch) lines.push(indent(colorPatch(change.patch, c), "    "));
  }
  const introduced = input.findings.filter((f) => f.baseline !== "unchanged");
  const unchanged = input.findings.filter((f) => f.baseline === "unchanged");
  if (introduced.length > 0) lines.push("", c.bold(`Findings (${introduced.length})`));
  for (const f of introduced) lines.push(...findingLines(f, c));
  if (unchanged.length > 0) {
    const gated = input.gateOn === "everything" ? "gated: --gate-on everything" : "not gating";
    lines.push("", c.bold(`Already in base, ${gated} (${unchanged.length})`));
    for (const f of unchanged) lines.push(...findingLines(f, c));
  }
  const resolved = input.resolved ?? [];
  if (resolved.length > 0) lines.push("", c.bold(`This change fixes (${resolved.length})`));
  for (const f of resolved) lines.push(`  ${c.green("fixed")}    ${c.bold(f.rule)} ${findingLabel(f)}`, `      ${f.message}`);
  if (input.smoke) lines.push("", ...smokeLines(input, c));
  for (const [component, log] of Object.entries(input.stagingLogs ?? {})) lines.push("", c.bold(`Last log lines of ${component}:`), indent(log, "    "));
  lines.push("", `${c.bold("Decision:")} ${decisionColor(input.decision, c)}`);
  for (const r of input.reasons) lines.push(`  - ${r}`);
  if (input.target) lines.push(c.dim(`  judged against ${describeTarget(input.target)}`));
  return input.secrets.redact(lines.join("\n")) + "\n";
}

function findingLines(f: Finding, c: Palette): string[] {
  const where = f.file ? c.dim(` ${f.file}${f.line ? `:${f.line}` : ""}`) : "";
  const ack = f.acknowledged ? c.dim(` [acknowledged: ${f.acknowledged}]`) : "";
  const updated = f.baseline === "updated" ? c.dim(" [updated]") : "";
  const lines = [`  ${sevColor(f.severity, c)} ${c.bold(f.rule)} ${findingLabel(f)}${where}${updated}${ack}`, `      ${f.message}`];
  if (f.release) lines.push(c.dim(`      release ${f.release}${f.helmSource ? `, template ${f.helmSource}` : ""}`));
  if (f.urn) lines.push(c.dim(`      urn ${f.urn}`));
  for (const r of f.related ?? []) lines.push(c.dim(`      related: ${r}`));
  if (f.remediation) lines.push(c.dim(`      fix: ${f.remediation}`));
  return lines;
}

function opColor(op: string, c: Palette): string {
  const padded = op.padEnd(7);
  return op === "create" ? c.green(padded) : op === "delete" ? c.red(padded) : op === "replace" ? c.yellow(padded) : c.cyan(padded);
}

function sevColor(s: Severity, c: Palette): string {
  const padded = s.toUpperCase().padEnd(8);
  return s === "critical" || s === "high" ? c.red(padded) : s === "warning" ? c.yellow(padded) : c.dim(padded);
}

function decisionColor(d: string, c: Palette): string {
  const label = d.toUpperCase();
  return d === "pass" ? c.green(label) : d === "warn" ? c.yellow(label) : c.red(label);
}

function colorPatch(patch: string, c: Palette): string {
  return patch
    .split("\n")
    .filter((l) => !l.startsWith("====="))
    .map((l) => (l.startsWith("+") && !l.startsWith("+++") ? c.green(l) : l.startsWith("-") && !l.startsWith("---") ? c.red(l) : l.startsWith("@@") ? c.cyan(l) : l))
    .join("\n");
}

const indent = (s: string, pad: string): string => s.trimEnd().split("\n").map((l) => pad + l).join("\n");

function smokeLines(input: ReportInput, c: Palette): string[] {
  const smoke = input.smoke!;
  const controller = smoke.cluster.controller;
  const lines = [c.bold(`Staged routes (${smoke.routes.length}) on ${smoke.cluster.provider} Kubernetes ${smoke.cluster.serverVersion}${controller ? `, ${controller.name} Traefik ${controller.version}` : ""}`)];
  if (controller?.versionNote) lines.push(c.dim(`  ${controller.versionNote}`));
  const mark = (o: { ok: boolean } | null): string => (!o ? c.dim("-") : o.ok ? c.green("ok") : c.red("FAIL"));
  for (const r of smoke.routes) {
    const where = `${r.tls ? "https" : "http"}://${r.host}${r.path}`;
    if (r.skipped) {
      lines.push(`  ${c.dim("skip")} ${where} ${c.dim(r.skipped)}`);
      continue;
    }
    lines.push(`  base ${mark(r.base)}  head ${mark(r.head)}  restart ${mark(r.afterRestart)}  ${where} -> ${r.expected ? `${r.expected.namespace}/${r.expected.service}` : "any"}`);
    const failed = [r.head, r.afterRestart, r.base].find((o) => o && !o.ok);
    if (failed?.problem) lines.push(c.dim(`      ${failed.problem}`));
  }
  for (const note of smoke.notes) lines.push(c.dim(`  note: ${note}`));
  lines.push(c.dim(`  timings: ${Object.entries(smoke.timings).map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}s`).join(", ")}`));
  return lines;
}
