import { defineStagedRule, firstFailure, tlsUnproven } from "../staged-rule.js";

export default defineStagedRule({
  meta: {
    id: "smoke-tls-unproven",
    severity: "warning",
    summary: "A route the change adds takes its certificate from a Secret neither the change nor base provides: staging could not prove it.",
    incidents: ["004"],
    remediation: "Make sure the Secret exists where this change is applied (or ship it, or let cert-manager issue it with an issuer annotation or a Certificate), so the route does not serve the controller's default certificate.",
  },
  judge({ routes, headOnly }, report) {
    for (const route of routes) {
      if (!tlsUnproven(route, headOnly)) continue;
      const [stage] = firstFailure(route)!;
      report({
        resource: route.source,
        message: `https://${route.host}${route.path} (${route.entrypoint}): new route, not proven ${stage === "head" ? "at head" : "after the restart"}: its certificate comes from Secret ${route.tlsSecret}, which neither the change nor base provides, so staging did not stand in for it and the controller served its default certificate`,
        ...(route.file ? { file: route.file } : {}),
        ...(route.line ? { line: route.line } : {}),
      });
    }
  },
});
