import type { Manifest, ManifestSet } from "../../model/manifest.js";
import { describeRef } from "../../normalize/index.js";
import { parseControllerVersion } from "../../workloads/controller-version.js";
import { findIngressControllers, type ControllerSelectorOption } from "../../workloads/index.js";
import { defineRule } from "../rule.js";
import { matcherProblem, type RouterKind, type RuleSyntax } from "./matchers.js";
import { parseTraefikRule } from "./parse-rule.js";

/** A Traefik controller of a side and the syntax it reads rules in by default. */
interface Reader {
  label: string;
  major: number;
  defaultSyntax: RuleSyntax;
}

interface RouteRule {
  manifest: Manifest;
  index: number;
  match: string;
  kind: RouterKind;
  /** IngressRoute routes[].syntax (Traefik v3 only). */
  syntax?: RuleSyntax;
}

export default defineRule({
  meta: {
    id: "traefik-rule-syntax",
    severity: "high",
    summary: "A Traefik route's match rule is not valid in the rule syntax of the Traefik version that reads it (v2 forms on v3, v3 forms on v2).",
    incidents: ["000", "001"],
    remediation:
      "Write the rule in the syntax of the Traefik that reads it: on v3, one value per Host/Path/PathPrefix/Method (join with ||), Header/HeaderRegexp instead of Headers/HeadersRegexp, plain regular expressions in HostRegexp and PathRegexp instead of {name:regexp} templates; while migrating, set `syntax: v2` on the route or run Traefik v3 with --core.defaultRuleSyntax=v2.",
  },
  check({ base, head, options, report }) {
    const readers = traefikReaders(head, options.ingressControllers);
    if (readers.length === 0) return;
    const before = new Map<string, string | undefined>();
    const baseReaders = traefikReaders(base, options.ingressControllers);
    for (const r of routeRules(base)) before.set(`${r.manifest.key}#${r.index}`, firstProblem(r, baseReaders)?.problem);
    for (const r of routeRules(head)) {
      const found = firstProblem(r, readers);
      if (!found) continue;
      const id = `${r.manifest.key}#${r.index}`;
      const regression = before.has(id) && before.get(id) === undefined;
      const preexisting = before.get(id) === found.problem;
      report({
        manifest: r.manifest,
        message: `${describeRef(r.manifest.ref)} route ${r.index} (match ${JSON.stringify(r.match)}): ${found.problem}; read by ${found.reader.label} with ${found.syntax} rule syntax, the router is rejected or matches nothing and its requests get 404 (incident 000: a route Traefik could not read turned into 404s)${regression ? "; the rule was valid for the Traefik of base" : preexisting ? "; already so at base" : ""}`,
        severity: regression ? "critical" : preexisting ? "warning" : "high",
      });
    }
  },
});

function firstProblem(r: RouteRule, readers: Reader[]): { problem: string; reader: Reader; syntax: RuleSyntax } | undefined {
  const parsed = parseTraefikRule(r.match);
  for (const reader of readers) {
    const syntax: RuleSyntax = reader.major >= 3 ? (r.syntax ?? reader.defaultSyntax) : "v2";
    if ("error" in parsed) return { problem: `the rule does not parse (${parsed.error})`, reader, syntax };
    for (const call of parsed.calls) {
      const problem = matcherProblem(call, syntax, r.kind);
      if (problem) return { problem, reader, syntax };
    }
  }
  return undefined;
}

/** Traefik controllers of the set whose image tag names a version (the syntax they read depends on it). */
function traefikReaders(set: ManifestSet, explicit: ControllerSelectorOption[]): Reader[] {
  return findIngressControllers(set, explicit).flatMap((c) => {
    const version = c.family === "traefik" ? parseControllerVersion(c.version) : undefined;
    if (!version || version.major < 2) return [];
    const args = [...(c.container.command ?? []), ...(c.container.args ?? [])];
    const v2Default = version.major >= 3 && args.some((a) => /^--core\.defaultrulesyntax=v2$/i.test(a.trim()));
    return [{ label: `Traefik ${c.version} (${describeRef(c.manifest.ref)})`, major: version.major, defaultSyntax: version.major >= 3 && !v2Default ? "v3" : "v2" }];
  });
}

function routeRules(set: ManifestSet): RouteRule[] {
  return set.manifests.flatMap((m) => {
    if (m.group !== "traefik.io" || (m.ref.kind !== "IngressRoute" && m.ref.kind !== "IngressRouteTCP")) return [];
    const routes = (m.object.spec as { routes?: unknown } | undefined)?.routes;
    if (!Array.isArray(routes)) return [];
    return routes.flatMap((route: { match?: unknown; syntax?: unknown }, index) => {
      if (typeof route?.match !== "string") return [];
      const syntax = route.syntax === "v2" || route.syntax === "v3" ? route.syntax : undefined;
      return [{ manifest: m, index, match: route.match, kind: m.ref.kind === "IngressRouteTCP" ? ("tcp" as const) : ("http" as const), ...(syntax ? { syntax } : {}) }];
    });
  });
}
