export { renderReport } from "./render-report.js";
export { jsonReport } from "./json/json-report.js";
export { textReport, type TextOptions } from "./text/text-report.js";
export { markdownReport, GITHUB_BODY_LIMIT, REPORT_MARKER, type MarkdownOptions } from "./markdown/markdown-report.js";
export { sarifReport } from "./sarif/sarif-report.js";
export { colorWanted } from "./text/colors.js";
export { REPORT_FORMATS, type ReportFormat, type ReportInput } from "./report-input.js";
