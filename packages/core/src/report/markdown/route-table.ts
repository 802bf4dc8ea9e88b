import type { SmokeReport } from "../../smoke/run-smoke.js";
import type { SmokeRouteResult, StageOutcome } from "../../smoke/smoke-route.js";
import { escapeInline } from "./markdown-report.js";

/**
 * The staged routes as a Markdown table for PR comments: one row per route, one column per stage;
 * with the cluster, a line saying what they were staged on (provider, Kubernetes, Traefik).
 */
export function routeTableMarkdown(routes: SmokeRouteResult[], cluster?: SmokeReport["cluster"]): string {
  const heading = cluster ? ["### Staged routes", "", stagedOn(cluster)].join("\n") : "### Staged routes";
  if (routes.length === 0) return `${heading}\n\nNo routes to probe.`;
  const rows = routes.map((r) => {
    const expected = r.expected ? `${r.expected.namespace}/${r.expected.service}` : "—";
    const cells = r.skipped ? [`skipped: ${escapeInline(r.skipped)}`, "", ""] : [cell(r.base), cell(r.head), cell(r.afterRestart)];
    return `| \`${escapeInline(r.host)}${escapeInline(r.path)}\`${r.tls ? " 🔒" : ""} | ${escapeInline(expected)} | ${cells.join(" | ")} |`;
  });
  return [heading, "", "| Route | Service | Base | Head | After restart |", "| --- | --- | --- | --- | --- |", ...rows].join("\n");
}

function cell(o: StageOutcome | null): string {
  if (!o) return "—";
  if (o.ok) return `✅ ${o.status ?? ""}`;
  return `❌ ${escapeInline(o.problem ?? "failed")}`;
}

function stagedOn(cluster: SmokeReport["cluster"]): string {
  const controller = cluster.controller ? `, ${escapeInline(cluster.controller.name)} Traefik ${escapeInline(cluster.controller.version)}` : "";
  return `Staged on ${escapeInline(cluster.provider)} Kubernetes ${escapeInline(cluster.serverVersion)}${controller}.`;
}
