/**
 * Public X.509 certificates found in manifests (Secrets, ConfigMaps, values rendered into them).
 * Only `CERTIFICATE` PEM blocks are ever decoded: private-key blocks in the same text are skipped
 * without being read, and nothing of a certificate but its names, issuer and validity leaves here.
 */
// @peculiar/x509 resolves its internals through tsyringe, which needs the Reflect metadata polyfill first.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { createHash } from "node:crypto";

export interface PublicCertificate {
  /** DNS names of the subjectAltName, or the CN when there is none (what TLS clients fall back to). */
  dnsNames: string[];
  ipAddresses: string[];
  subject: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  /** SHA-256 of the DER, hex: identity of the certificate across base and head. */
  fingerprint: string;
}

const BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** Every certificate block of a PEM text that parses; the first leaf (not a CA) first. */
export function parseCertificates(pem: string): Array<PublicCertificate & { isCa: boolean }> {
  const out: Array<PublicCertificate & { isCa: boolean }> = [];
  for (const block of pem.match(BLOCK) ?? []) {
    let cert: x509.X509Certificate;
    try {
      cert = new x509.X509Certificate(block);
    } catch {
      continue; // a placeholder or a truncated block: nothing to say about it
    }
    out.push({ ...describe(cert), isCa: cert.getExtension(x509.BasicConstraintsExtension)?.ca === true });
  }
  return out.sort((a, b) => Number(a.isCa) - Number(b.isCa));
}

/** The certificate a server presents from this PEM: its first non-CA certificate (chains follow the leaf). */
export function leafCertificate(pem: string): PublicCertificate | undefined {
  const leaf = parseCertificates(pem).find((c) => !c.isCa);
  if (!leaf) return undefined;
  const { isCa: _ca, ...rest } = leaf;
  return rest;
}

function describe(cert: x509.X509Certificate): PublicCertificate {
  const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
  const names = san?.names.items ?? [];
  const sanDns = names.filter((n) => n.type === "dns").map((n) => n.value.toLowerCase());
  const ips = names.filter((n) => n.type === "ip").map((n) => n.value);
  const cn = cert.subjectName.getField("CN")[0];
  return {
    dnsNames: sanDns.length > 0 ? sanDns : cn ? [cn.toLowerCase()] : [],
    ipAddresses: ips,
    subject: cert.subject,
    issuer: cert.issuer,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    fingerprint: createHash("sha256").update(Buffer.from(cert.rawData)).digest("hex"),
  };
}

/** Keys of a Secret or ConfigMap that hold certificates by name (`tls.crt`, `*.crt`, `*.pem`, `*.cert`), not CA bundles. */
export function isCertificateKey(key: string): boolean {
  const k = key.toLowerCase();
  if (!/\.(crt|pem|cert)$/.test(k)) return false;
  return !/(^|[._-])(ca|cacert|ca-bundle|ca-certificates|bundle|chain|trust|truststore|root)([._-]|$)/.test(k);
}
