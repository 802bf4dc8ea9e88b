import type { Manifest } from "../../model/manifest.js";
import { routeLabel, routeTable, type Route } from "../../routes/index.js";
import { defineRule } from "../rule.js";
import { routeProblems, shippedKinds, type Problem } from "./references.js";

const EFFECT: Record<Problem["effect"], string> = {
  backend: "the ingress controller has nowhere to send these requests, they fail with 404/503 (incident 003: the controller could not reach its backends)",
  router: "Traefik puts the router in error and stops serving it (incident 000: a broken IngressRoute turned every request into a 404)",
  tls: "the controller has no certificate for these hosts and serves its default one, which clients refuse (incident 004: a certificate that did not cover the names clients used)",
  unattached: "no Gateway listener accepts the route, so its hosts answer 404 (incident 000: routes that silently stopped being served)",
  unchecked: "make sure it exists where this change is applied, or ship it in the change",
};

/** Issuers deleted by the change are cert-issuer-deleted's to report. */
const deletedIssuer = (problem: Problem, base: { byKey: ReadonlyMap<string, unknown> }): boolean =>
  problem.missing !== undefined && /^(Cluster)?Issuer\//.test(problem.key) && base.byKey.has(problem.missing);

/** The same route on both sides: source object, hosts and path, not its position. */
function routeId(route: Route): string {
  return `${route.source.key}|${route.hosts.join(",")}|${route.path?.type ?? ""}:${route.path?.value ?? ""}`;
}

interface Group {
  manifest: Manifest;
  routes: Route[];
  problem: Problem;
  /** Some route of the group existed in base with every reference resolving. */
  regression: boolean;
  /** Every route of the group had this very problem in base already. */
  preexisting: boolean;
}

export default defineRule({
  meta: {
    id: "route-backend-missing",
    severity: "high",
    summary: "A route references a Service, port, TraefikService, Middleware, TLSOption, ServersTransport, TLS Secret, cert-manager issuer or parent Gateway (listener) that head does not define.",
    incidents: ["000", "003"],
    remediation:
      "Make the route name an existing Service and one of its ports (number = spec.ports[].port, name = spec.ports[].name), ship what it references (Middleware, TLSOption, TraefikService, ServersTransport, TLS Secret or the Certificate that makes it, issuer, Gateway with the listener named) in the same change, or fix the reference.",
  },
  check({ base, head, report }) {
    // A repo with no Service (or no Middleware, ...) only ships routes: their targets live elsewhere.
    const shipped = shippedKinds(base, head);
    const before = new Map<string, Problem[]>();
    for (const route of routeTable(base)) before.set(routeId(route), routeProblems(route, base, shipped));

    const groups = new Map<string, Group>();
    for (const route of routeTable(head)) {
      const old = before.get(routeId(route));
      for (const problem of routeProblems(route, head, shipped)) {
        if (deletedIssuer(problem, base)) continue;
        const key = `${route.source.key}\u0000${problem.key}`;
        const group = groups.get(key) ?? { manifest: route.source, routes: [], problem, regression: false, preexisting: true };
        group.routes.push(route);
        if (old && old.length === 0) group.regression = true;
        if (!old?.some((p) => p.key === problem.key)) group.preexisting = false;
        groups.set(key, group);
      }
    }

    for (const { manifest, routes, problem, regression, preexisting } of groups.values()) {
      const first = routes[0]!;
      const hosts = [...new Set(routes.flatMap((r) => r.hosts))];
      const more = routes.length > 1 ? ` (+${routes.length - 1} more route${routes.length > 2 ? "s" : ""} of it)` : "";
      const where = `${routeLabel(first)}${more}, host${hosts.length > 1 ? "s" : ""} ${hosts.join(", ") || "*"}`;
      if (problem.effect === "unchecked") {
        report({ manifest, message: `${where}: ${problem.text}; ${EFFECT.unchecked}`, severity: "warning", fingerprint: `${manifest.key} ${problem.key}` });
        continue;
      }
      const when = regression ? "; the route worked in base" : preexisting ? "; already broken in base" : "";
      report({
        manifest,
        message: `${where}: ${problem.text} in head; ${EFFECT[problem.effect]}${when}`,
        severity: regression ? "critical" : "high",
      });
    }
  },
});
