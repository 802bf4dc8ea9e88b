/**
 * Staged rules: rules whose evidence is what a staged run observed (route probes at each stage,
 * objects the API server rejected, declared controllers staging could not run) rather than the
 * manifests. Same metadata, severities, `off` switches and acknowledgements as the static rules
 * (src/rules); each lives in a folder of its own here, with README and fixtures of evidence.
 */
import type { BaselineState, Finding } from "../../model/finding.js";
import type { ResourceRef } from "../../model/kube-object.js";
import { INCIDENTS, type RuleMeta } from "../../rules/rule.js";
import type { SmokeRouteResult, StageOutcome } from "../smoke-route.js";

export interface RejectedObject {
  resource: ResourceRef;
  file?: string;
  line?: number;
  message: string;
  stage: "base" | "head";
}

/** A controller the manifests declare that staging cannot run: its routes were not proven. */
export interface UnstagedController {
  resource: ResourceRef;
  file?: string;
  line?: number;
  /** "ingress-nginx 1.12", "Traefik 1.7.9". */
  controller: string;
  /** Why it cannot run here. */
  reason: string;
  /** What staging probed instead, if anything ("a stock Traefik 3.6.25"). */
  instead?: string;
  /** The sides that declare it. */
  sides: Array<"base" | "head">;
}

/** Everything a staged run observed. */
export interface StagedEvidence {
  routes: SmokeRouteResult[];
  rejected: RejectedObject[];
  unstaged: UnstagedController[];
  /** What only head relies on outside the manifests (`Secret/apps/shop-tls`): staging did not stand in for it. */
  headOnly?: readonly string[];
}

export interface StagedReport {
  resource: ResourceRef;
  message: string;
  file?: string;
  line?: number;
  /** "unchanged" when base already failed the same way (listed, gated only with --gate-on everything); default "new". */
  baseline?: BaselineState;
}

export interface StagedRule {
  meta: RuleMeta;
  judge(evidence: StagedEvidence, report: (input: StagedReport) => void): void;
}

/** Identity function that gives staged rule files one typed shape (like defineRule). */
export function defineStagedRule(rule: StagedRule): StagedRule {
  return rule;
}

/** Runs staged rules one by one; a rule that throws is collected (kubegate fails closed), like runRules. */
export function runStagedRules(rules: readonly StagedRule[], evidence: StagedEvidence): { findings: Finding[]; failures: Array<{ rule: string; error: Error }> } {
  const findings: Finding[] = [];
  const failures: Array<{ rule: string; error: Error }> = [];
  for (const rule of rules) {
    try {
      rule.judge(evidence, (r) =>
        findings.push({
          rule: rule.meta.id,
          severity: rule.meta.severity,
          baseline: r.baseline ?? "new",
          resource: r.resource,
          message: r.message,
          ...(r.file ? { file: r.file } : {}),
          ...(r.line ? { line: r.line } : {}),
          remediation: rule.meta.remediation,
          incidents: rule.meta.incidents.map((i) => INCIDENTS[i]),
        }),
      );
    } catch (error) {
      failures.push({ rule: rule.meta.id, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  return { findings, failures };
}

/** The first stage after base at which a route failed, if any. */
export function firstFailure(route: SmokeRouteResult): ["head" | "afterRestart", StageOutcome] | undefined {
  if (route.skipped) return undefined;
  if (route.head && !route.head.ok) return ["head", route.head];
  if (route.afterRestart && !route.afterRestart.ok) return ["afterRestart", route.afterRestart];
  return undefined;
}

/** The served certificate does not cover the host or does not chain to the expected CA. */
export function isTlsProblem(outcome: StageOutcome): boolean {
  return outcome.certificate !== undefined && (!outcome.certificate.coversHost || !outcome.certificate.trusted);
}

/** "https://shop.example.com/ (websecure): worked at base, fails at head: 404" */
export function describeFailure(route: SmokeRouteResult, stage: "head" | "afterRestart", outcome: StageOutcome): string {
  const worked = route.base?.ok === true;
  const when = stage === "afterRestart" ? "after the ingress controller restarted" : "at head";
  const history = worked ? `worked at base, fails ${when}` : route.base ? `already failed at base, still fails ${when}` : `new route, fails ${when}`;
  return `${route.tls ? "https" : "http"}://${route.host}${route.path} (${route.entrypoint}): ${history}: ${outcome.problem ?? "failed"}${outcome.networkPolicy ? `; ${outcome.networkPolicy}` : ""}`;
}

/**
 * A route the change adds whose certificate comes from a Secret that only head relies on and
 * neither side ships: staging did not stand in for it (stand-ins never mask the change), so the
 * controller served its default certificate. That proves nothing about the route: the Secret may
 * well exist where the change is applied (made by hand, by a controller, by another repository).
 */
export function tlsUnproven(route: SmokeRouteResult, headOnly: readonly string[] | undefined): boolean {
  if (!route.tls || !route.tlsSecret || route.base !== null || !headOnly?.includes(`Secret/${route.tlsSecret}`)) return false;
  const failure = firstFailure(route);
  return failure !== undefined && isTlsProblem(failure[1]);
}

/** A route that already failed at base was not broken by this change: reported, not gated. */
export function failedBefore(route: SmokeRouteResult): boolean {
  return route.base !== null && route.base.ok !== true;
}
