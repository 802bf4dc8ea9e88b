import { jsonReport } from "./json/json-report.js";
import { markdownReport } from "./markdown/markdown-report.js";
import { routeTableMarkdown } from "./markdown/route-table.js";
import type { ReportFormat, ReportInput } from "./report-input.js";
import { sarifReport } from "./sarif/sarif-report.js";
import { STAGED_RULES } from "../smoke/rules/index.js";
import { textReport } from "./text/text-report.js";

export function renderReport(input: ReportInput, format: ReportFormat, options: { color?: boolean; patches?: boolean } = {}): string {
  switch (format) {
    case "json":
      return jsonReport(input);
    case "markdown":
      return markdownReport(input, input.smoke ? { extraSections: [routeTableMarkdown(input.smoke.routes, input.smoke.cluster)] } : {});
    case "sarif":
      return sarifReport(input, { extraRules: STAGED_RULES.map((r) => r.meta) });
    case "text":
      return textReport(input, options);
  }
}
