import { defineStagedRule, describeFailure, firstFailure, isTlsProblem } from "../staged-rule.js";

export default defineStagedRule({
  meta: {
    id: "smoke-route-regressed",
    severity: "critical",
    summary: "A route that worked at base fails at head or after the ingress controller restarts.",
    incidents: ["000", "001", "003"],
    remediation: "Read the probe's problem and the controller's log lines in the report; fix the change, re-run `kubegate gate --stage`, and keep the restart step: incident 000 only showed after a restart.",
  },
  judge({ routes }, report) {
    for (const route of routes) {
      const failure = firstFailure(route);
      if (!failure || route.base?.ok !== true || isTlsProblem(failure[1])) continue;
      report({ resource: route.source, message: describeFailure(route, ...failure), ...(route.file ? { file: route.file } : {}), ...(route.line ? { line: route.line } : {}) });
    }
  },
});
