import type { BaselineState, Finding } from "../model/finding.js";
import type { ResourceRef } from "../model/kube-object.js";
import { INCIDENTS } from "../rules/rule.js";
import type { SmokeRouteResult, StageOutcome } from "./smoke-route.js";
import { SMOKE_RULES } from "./smoke-rules.js";

type SmokeRule = (typeof SMOKE_RULES)[keyof typeof SMOKE_RULES];

export interface RejectedObject {
  resource: ResourceRef;
  file?: string;
  line?: number;
  message: string;
  stage: "base" | "head";
}

/**
 * Judges route results: a route that worked at base and fails later is a regression; a new
 * route that fails is broken; a route deleted on purpose is listed, not failed; a route that
 * already failed at base is `unchanged` against base, as static findings base already had: listed,
 * gated only with --gate-on everything (the change did not break it).
 */
export function smokeFindings(routes: SmokeRouteResult[], rejected: RejectedObject[]): Finding[] {
  const findings: Finding[] = [];
  for (const route of routes) {
    if (route.skipped) continue;
    const failure = firstFailure(route);
    if (!failure) continue;
    const [stage, outcome] = failure;
    const tlsProblem = outcome.certificate !== undefined && (!outcome.certificate.coversHost || !outcome.certificate.trusted);
    const worked = route.base?.ok === true;
    const rule = tlsProblem ? SMOKE_RULES.tls : worked ? SMOKE_RULES.regressed : SMOKE_RULES.broken;
    const when = stage === "afterRestart" ? "after the ingress controller restarted" : "at head";
    const history = worked ? `worked at base, fails ${when}` : route.base ? `already failed at base, still fails ${when}` : `new route, fails ${when}`;
    // A route that already failed at base was not broken by this change: reported, not gated.
    const preexisting = route.base !== null && !worked;
    findings.push(finding(rule, route.source, `${route.tls ? "https" : "http"}://${route.host}${route.path} (${route.entrypoint}): ${history}: ${outcome.problem ?? "failed"}${outcome.networkPolicy ? `; ${outcome.networkPolicy}` : ""}`, route.file, route.line, preexisting ? "unchanged" : "new"));
  }
  for (const r of rejected) {
    findings.push(finding(SMOKE_RULES.rejected, r.resource, `the API server rejected it when applying ${r.stage}: ${r.message}`, r.file, r.line, r.stage === "base" ? "unchanged" : "new"));
  }
  return findings;
}

function firstFailure(route: SmokeRouteResult): [string, StageOutcome] | undefined {
  if (route.head && !route.head.ok) return ["head", route.head];
  if (route.afterRestart && !route.afterRestart.ok) return ["afterRestart", route.afterRestart];
  return undefined;
}

function finding(rule: SmokeRule, resource: ResourceRef, message: string, file: string | undefined, line: number | undefined, baseline: BaselineState): Finding {
  return {
    rule: rule.id,
    severity: rule.severity,
    baseline,
    resource,
    message,
    ...(file ? { file } : {}),
    ...(line ? { line } : {}),
    remediation: rule.remediation,
    incidents: rule.incidents.map((i) => INCIDENTS[i]),
  };
}
