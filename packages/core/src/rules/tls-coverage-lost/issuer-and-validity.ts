import type { TlsEndpoint } from "../../certificates/index.js";
import type { ReportInput } from "../rule.js";
import { certificateText, endpointText, issuerText } from "./describe.js";

/**
 * Another issuer (CA) at the same endpoint: clients that pin or do not trust it fail. A warning:
 * the manifests cannot tell whether clients trust the new CA. A cert-manager Certificate behind a
 * route is tls-source-changed's (issuerRef changes).
 */
export function issuerChange(before: TlsEndpoint, now: TlsEndpoint): ReportInput | undefined {
  const was = before.certificate;
  const is = now.certificate;
  if (!was.issuer || !is.issuer || was.fingerprint === is.fingerprint) return undefined;
  if (was.issuer.kind === is.issuer.kind && was.issuer.name === is.issuer.name) return undefined;
  if (now.terminatedBy === "controller" && was.issuer.kind === "cert-manager" && is.issuer.kind === "cert-manager") return undefined;
  return {
    manifest: now.manifest,
    severity: "warning",
    message:
      `${endpointText(now)}: the certificate's issuer changes, ${issuerText(was)} -> ${issuerText(is)} (now ${certificateText(is)}): ` +
      `clients that pin the old CA or do not trust the new one fail the handshake (incident 004)`,
  };
}

/** A shipped certificate at head that is expired or not yet valid. Already so at base (same certificate): a warning. */
export function invalidAtHead(before: TlsEndpoint | undefined, now: TlsEndpoint, at: Date): ReportInput | undefined {
  const validity = now.certificate.validity;
  if (!validity) return undefined;
  const problem = validity.notAfter < at ? `expired on ${day(validity.notAfter)}` : validity.notBefore > at ? `is not valid before ${day(validity.notBefore)}` : undefined;
  if (!problem) return undefined;
  const preexisting = before?.certificate.fingerprint === now.certificate.fingerprint;
  return {
    manifest: now.manifest,
    severity: preexisting ? "warning" : "critical",
    message:
      `${endpointText(now)} serves ${certificateText(now.certificate)}, which ${problem}${preexisting ? " (already served at base)" : ""}: ` +
      `every client rejects it (incident 004)`,
  };
}

const day = (d: Date): string => d.toISOString().slice(0, 10);
