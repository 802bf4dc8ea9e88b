import { certificateMap } from "../../certificates/index.js";
import { defineRule } from "../rule.js";
import { invalidAtHead, issuerChange } from "./issuer-and-validity.js";
import { lostNames } from "./lost-names.js";

export default defineRule({
  meta: {
    id: "tls-coverage-lost",
    severity: "critical",
    summary: "A TLS endpoint (a Service whose pods terminate TLS, or a routed host) serves a certificate that drops names base covered, is expired, or comes from another CA.",
    incidents: ["004"],
    remediation:
      "Give the new certificate every name the old one covered (dnsNames/ipAddresses of the Certificate, or the SANs of the shipped PEM) before switching, keep it valid, and roll out a CA change only once clients trust the new CA.",
  },
  check({ base, head, report }) {
    const before = certificateMap(base);
    const now = new Date();
    for (const endpoint of certificateMap(head).values()) {
      const old = before.get(endpoint.key);
      const findings = [
        ...(old && endpoint.terminatedBy === "pod" ? [lostNames(old, endpoint)] : []),
        ...(old ? [issuerChange(old, endpoint)] : []),
        invalidAtHead(old, endpoint, now),
      ];
      for (const f of findings) if (f) report(f);
    }
  },
});
