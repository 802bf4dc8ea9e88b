import { defineStagedRule, describeFailure, failedBefore, firstFailure, isTlsProblem } from "../staged-rule.js";

export default defineStagedRule({
  meta: {
    id: "smoke-route-broken",
    severity: "high",
    summary: "A route the change adds does not reach the Service it names.",
    incidents: ["000", "003"],
    remediation: "Make the route name an existing Service and port, and check that its entrypoint, host and path match what the controller serves; the report shows what answered instead.",
  },
  judge({ routes }, report) {
    for (const route of routes) {
      const failure = firstFailure(route);
      if (!failure || route.base?.ok === true || isTlsProblem(failure[1])) continue;
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
