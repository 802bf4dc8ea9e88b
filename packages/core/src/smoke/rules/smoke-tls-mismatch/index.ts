import { defineStagedRule, describeFailure, failedBefore, firstFailure, isTlsProblem, tlsUnproven } from "../staged-rule.js";

export default defineStagedRule({
  meta: {
    id: "smoke-tls-mismatch",
    severity: "critical",
    summary: "The certificate served for a host does not cover it or does not come from the expected issuer.",
    incidents: ["004"],
    remediation: "Point the route's TLS at a Secret or Certificate whose names cover the host; check shared chart defaults (tls source, dnsNames) that every release inherits.",
  },
  judge({ routes, headOnly }, report) {
    for (const route of routes) {
      const failure = firstFailure(route);
      // A new route on a Secret staging could not have: smoke-tls-unproven says so instead.
      if (!failure || !isTlsProblem(failure[1]) || tlsUnproven(route, headOnly)) continue;
      report({
        resource: route.source,
        message: describeFailure(route, ...failure),
        ...(route.file ? { file: route.file } : {}),
        ...(route.line ? { line: route.line } : {}),
        ...(failedBefore(route) ? { baseline: "unchanged" as const } : {}),
      });
    }
  },
});
