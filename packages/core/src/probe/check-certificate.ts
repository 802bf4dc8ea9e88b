import { X509Certificate } from "node:crypto";
import { checkServerIdentity, type PeerCertificate } from "node:tls";
import type { ServedCertificate } from "./probe-target.js";

/** Does the served certificate cover the host, and does it chain to the expected CA? */
export function checkCertificate(host: string, peer: PeerCertificate, caPem: string | undefined): ServedCertificate {
  const cert = new X509Certificate(peer.raw);
  const coversHost = checkServerIdentity(host, peer) === undefined;
  let trusted = false;
  if (caPem) {
    const ca = new X509Certificate(caPem);
    trusted = cert.checkIssued(ca) && cert.verify(ca.publicKey);
  }
  return {
    subject: cert.subject.replace(/\n/g, ", "),
    issuer: cert.issuer.replace(/\n/g, ", "),
    altNames: (cert.subjectAltName ?? "").split(",").map((s) => s.trim()).filter(Boolean),
    coversHost,
    trusted,
    fingerprint256: cert.fingerprint256,
  };
}
