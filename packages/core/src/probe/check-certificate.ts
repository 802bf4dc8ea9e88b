import { X509Certificate } from "node:crypto";
import { checkServerIdentity, type PeerCertificate } from "node:tls";
import type { ServedCertificate } from "./probe-target.js";

/**
 * Verdicts by certificate, host and CA: a staged run probes every route three times and a
 * thousand routes parsed and verified the same certificates 3,000 times (a second of CPU).
 */
const verdicts = new Map<string, ServedCertificate>();
const authorities = new Map<string, X509Certificate>();
const MAX_CACHED = 20_000;

/** Does the served certificate cover the host, and does it chain to the expected CA? */
export function checkCertificate(host: string, peer: PeerCertificate, caPem: string | undefined): ServedCertificate {
  const key = `${peer.fingerprint256}\n${host}\n${caPem ?? ""}`;
  const known = verdicts.get(key);
  if (known) return known;
  if (verdicts.size >= MAX_CACHED) verdicts.clear();
  const verdict = check(host, peer, caPem);
  verdicts.set(key, verdict);
  return verdict;
}

function authority(caPem: string): X509Certificate {
  let ca = authorities.get(caPem);
  if (!ca) {
    if (authorities.size >= 64) authorities.clear();
    authorities.set(caPem, (ca = new X509Certificate(caPem)));
  }
  return ca;
}

function check(host: string, peer: PeerCertificate, caPem: string | undefined): ServedCertificate {
  const cert = new X509Certificate(peer.raw);
  const coversHost = checkServerIdentity(host, peer) === undefined;
  let trusted = false;
  if (caPem) {
    const ca = authority(caPem);
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
