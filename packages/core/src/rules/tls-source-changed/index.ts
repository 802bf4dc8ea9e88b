import { routeTable } from "../../routes/index.js";
import { defineRule } from "../rule.js";
import { coverageGaps } from "./coverage.js";
import { issuerChanges } from "./issuer-changes.js";
import { sourceChanges } from "./source-changes.js";

export default defineRule({
  meta: {
    id: "tls-source-changed",
    severity: "high",
    summary: "The certificate a host is served with comes from a different source, or will not cover the host.",
    incidents: ["004"],
    remediation:
      "Check the new certificate covers every host before deploying: keep the old secretName/issuer until the new Certificate is Ready with the right dnsNames, and roll shared-default changes out release by release.",
  },
  check({ base, head, report }) {
    const baseRoutes = routeTable(base);
    const headRoutes = routeTable(head);
    for (const finding of [
      ...sourceChanges(base, head, baseRoutes, headRoutes),
      ...issuerChanges(base, head, headRoutes),
      ...coverageGaps(base, head, baseRoutes, headRoutes),
    ]) report(finding);
  },
});
