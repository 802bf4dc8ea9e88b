import type { RuleMeta } from "../rules/rule.js";

/**
 * Findings only a staged run can make: they have ids, severities, incidents and remediations
 * like the static rules, and are listed by `kubegate rules` and in SARIF. Documented in README.md.
 */
export const SMOKE_RULES = {
  regressed: {
    id: "smoke-route-regressed",
    severity: "critical",
    summary: "A route that worked at base fails at head or after the ingress controller restarts.",
    incidents: ["000", "001", "003"],
    remediation: "Read the probe's problem and the controller's log lines in the report; fix the change, re-run `kubegate gate --stage`, and keep the restart step: incident 000 only showed after a restart.",
  },
  broken: {
    id: "smoke-route-broken",
    severity: "high",
    summary: "A route the change adds does not reach the Service it names.",
    incidents: ["000", "003"],
    remediation: "Make the route name an existing Service and port, and check that its entrypoint, host and path match what the controller serves; the report shows what answered instead.",
  },
  tls: {
    id: "smoke-tls-mismatch",
    severity: "critical",
    summary: "The certificate served for a host does not cover it or does not come from the expected issuer.",
    incidents: ["004"],
    remediation: "Point the route's TLS at a Secret or Certificate whose names cover the host; check shared chart defaults (tls source, dnsNames) that every release inherits.",
  },
  rejected: {
    id: "smoke-apply-rejected",
    severity: "high",
    summary: "The API server rejects an object of the change.",
    incidents: ["000"],
    remediation: "Fix the object so the API server accepts it (`kubectl apply --dry-run=server` shows the same error); the message quotes the API server.",
  },
} as const satisfies Record<string, Omit<RuleMeta, "incidents"> & { incidents: readonly RuleMeta["incidents"][number][] }>;
