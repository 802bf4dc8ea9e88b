import type { SmokeRouteResult, StageOutcome } from "../../smoke/smoke-route.js";
import { escapeInline } from "./markdown-report.js";

/** The staged routes as a Markdown table for PR comments: one row per route, one column per stage. */
export function routeTableMarkdown(routes: SmokeRouteResult[]): string {
  if (routes.length === 0) return "### Staged routes\n\nNo routes to probe.";
  const rows = routes.map((r) => {
    const expected = r.expected ? `${r.expected.namespace}/${r.expected.service}` : "—";
    const cells = r.skipped ? [`skipped: ${escapeInline(r.skipped)}`, "", ""] : [cell(r.base), cell(r.head), cell(r.afterRestart)];
    return `| \`${escapeInline(r.host)}${escapeInline(r.path)}\`${r.tls ? " 🔒" : ""} | ${escapeInline(expected)} | ${cells.join(" | ")} |`;
  });
  return ["### Staged routes", "", "| Route | Service | Base | Head | After restart |", "| --- | --- | --- | --- | --- |", ...rows].join("\n");
}

function cell(o: StageOutcome | null): string {
  if (!o) return "—";
  if (o.ok) return `✅ ${o.status ?? ""}`;
  return `❌ ${escapeInline(o.problem ?? "failed")}`;
}
