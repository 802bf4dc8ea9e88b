import { findingLabel } from "../resource-label.js";
import { describeRef } from "../../normalize/normalize.js";
import type { Finding } from "../../model/finding.js";
import type { ReportInput } from "../report-input.js";
import { changeLabel } from "../resource-label.js";
import { fitSections } from "./fit-sections.js";
import { describeTarget } from "../../check/target-version.js";

/** GitHub's limit for a comment or a check-run summary body. */
export const GITHUB_BODY_LIMIT = 65_536;
/** Hidden marker that lets the GitHub Action find and update its own sticky comment. */
export const REPORT_MARKER = "<!-- kubegate-report -->";

const ICON: Record<string, string> = { pass: "✅", warn: "⚠️", block: "⛔", error: "💥" };

export interface MarkdownOptions {
  limit?: number;
  /** Extra sections placed after the findings (e.g. the staged route table). */
  extraSections?: string[];
}

export function markdownReport(input: ReportInput, options: MarkdownOptions = {}): string {
  const limit = options.limit ?? GITHUB_BODY_LIMIT;
  const head = [
    REPORT_MARKER,
    `## ${ICON[input.decision] ?? ""} kubegate: **${input.decision.toUpperCase()}**`,
    "",
    ...input.reasons.map((r) => `- ${escapeInline(r)}`),
    ...(input.target ? [`- Judged against ${escapeInline(describeTarget(input.target))}`] : []),
    "",
    ...(input.sources?.summary ? [`Sources: ${escapeInline(input.sources.summary)}`, ...input.sources.notes.map((n) => `- note: ${escapeInline(n)}`), ""] : []),
  ].join("\n");
  const { introduced, unchanged } = byBaseline(input.findings);
  const findingRows = introduced.map(findingRow);
  const findings = findingRows.length
    ? ["### Findings this change introduces", "", TABLE_HEAD].join("\n")
    : "";
  const baselineSections = [unchangedSection(unchanged, input.gateOn), resolvedSection(input.resolved ?? [])].filter(Boolean);
  const changes = input.changes.map((c) => {
    const reasons = c.replaceReasons.length ? ` — ${escapeInline(c.replaceReasons.join("; "))}` : "";
    return `<details><summary><code>${c.op}</code> ${escapeHtml(changeLabel(c))}${reasons}</summary>\n\n\`\`\`diff\n${c.patch.split("\n").filter((l) => !l.startsWith("=====")).join("\n").trimEnd()}\n\`\`\`\n</details>\n`;
  });
  const body = fitSections(
    { head, findingsHeader: findings, findingRows, extra: [...baselineSections, ...(options.extraSections ?? [])], changesHeader: changes.length ? `\n### Changes (${changes.length})\n` : "", changes },
    limit,
  );
  return input.secrets.redact(body);
}

const TABLE_HEAD = ["| Severity | Rule | Resource | Finding | Where |", "| --- | --- | --- | --- | --- |"].join("\n");

/** New findings first, then updated ones; unchanged ones (base had them) apart. */
function byBaseline(findings: Finding[]): { introduced: Finding[]; unchanged: Finding[] } {
  const rank = (f: Finding): number => (f.baseline === "updated" ? 1 : 0);
  const introduced = findings.filter((f) => f.baseline !== "unchanged").sort((a, b) => rank(a) - rank(b));
  return { introduced, unchanged: findings.filter((f) => f.baseline === "unchanged") };
}

function unchangedSection(findings: Finding[], gateOn: ReportInput["gateOn"]): string {
  if (findings.length === 0) return "";
  const title = gateOn === "everything" ? "Already in base (gated: --gate-on everything)" : "Already in base, not gating";
  return [`<details><summary>${title} (${findings.length})</summary>`, "", TABLE_HEAD, ...findings.map(findingRow), "", "</details>"].join("\n");
}

function resolvedSection(findings: Finding[]): string {
  if (findings.length === 0) return "";
  const rows = findings.map((f) => `- \`${f.rule}\` ${escapeInline(findingLabel(f))}: ${escapeInline(f.message)}`);
  return [`### This change fixes (${findings.length})`, "", ...rows].join("\n");
}

function findingRow(f: Finding): string {
  const where = f.file ? `\`${f.file}${f.line ? `:${f.line}` : ""}\`` : "";
  const release = f.release ? `<br>release \`${f.release}\`` : "";
  const ack = f.acknowledged ? ` _(acknowledged: ${escapeInline(f.acknowledged)})_` : "";
  const fix = f.remediation ? `<br><sub>Fix: ${escapeInline(f.remediation)}</sub>` : "";
  const related = (f.related ?? []).map((r) => `<br><sub>Related: ${escapeInline(r)}</sub>`).join("");
  const updated = f.baseline === "updated" ? " _(updated)_" : "";
  return `| ${f.severity} | \`${f.rule}\`${updated} | ${escapeInline(findingLabel(f))} | ${escapeInline(f.message)}${ack}${related}${fix} | ${where}${release} |`;
}

export function escapeInline(s: string): string {
  return escapeHtml(s).replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
