/**
 * Public X.509 certificates found in manifests (Secrets, ConfigMaps, values rendered into them).
 * Only `CERTIFICATE` PEM blocks are ever decoded: private-key blocks in the same text are skipped
 * without being read, and nothing of a certificate but its names, issuer and validity leaves here.
 */
// Node's own X509Certificate (OpenSSL): nothing to load, unlike @peculiar/x509 (~150-500 ms of
// module loading at every start); the staging CA still uses @peculiar/x509, loaded when a cluster starts.
import { createHash, X509Certificate } from "node:crypto";

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
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(block);
    } catch {
      continue; // a placeholder or a truncated block: nothing to say about it
    }
    out.push({ ...describe(cert), isCa: cert.ca });
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

function describe(cert: X509Certificate): PublicCertificate {
  const names = subjectAltNames(cert.subjectAltName);
  const sanDns = names.filter((n) => n.type === "DNS").map((n) => n.value.toLowerCase());
  const ips = names.filter((n) => n.type === "IP Address").map((n) => n.value);
  const cn = distinguishedName(cert.subject).find(([k]) => k === "CN")?.[1];
  return {
    dnsNames: sanDns.length > 0 ? sanDns : cn ? [cn.toLowerCase()] : [],
    ipAddresses: ips,
    subject: rfc4514(cert.subject),
    issuer: rfc4514(cert.issuer),
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    fingerprint: createHash("sha256").update(cert.raw).digest("hex"),
  };
}

/**
 * OpenSSL's subjectAltName text, "DNS:a.example, IP Address:10.0.0.1". Node quotes a name that
 * holds a comma or a quote as a JSON string (`DNS:"a, b"`), so entries are read one by one.
 */
export function subjectAltNames(text: string | undefined): Array<{ type: string; value: string }> {
  const out: Array<{ type: string; value: string }> = [];
  const entry = /\s*([A-Za-z ]+):("(?:[^"\\]|\\.)*"|[^,]*)(?:,|$)/g;
  for (const m of (text ?? "").matchAll(entry)) {
    const raw = m[2]!;
    let value = raw;
    if (raw.startsWith('"')) {
      try {
        value = JSON.parse(raw) as string;
      } catch {
        value = raw.slice(1, -1);
      }
    }
    out.push({ type: m[1]!.trim(), value: value.trim() });
  }
  return out;
}

/** Node prints a distinguished name one attribute per line, most significant first ("C=US\nO=x\nCN=y"). */
function distinguishedName(text: string): Array<[string, string]> {
  return text.split("\n").filter(Boolean).map((line) => {
    const eq = line.indexOf("=");
    return [line.slice(0, eq), line.slice(eq + 1)];
  });
}

/** RFC 4514 order (least significant first, "CN=y, O=x, C=US"), as certificates are usually shown. */
function rfc4514(text: string): string {
  return distinguishedName(text).reverse().map(([k, v]) => `${k}=${v}`).join(", ");
}

/** Keys of a Secret or ConfigMap that hold certificates by name (`tls.crt`, `*.crt`, `*.pem`, `*.cert`), not CA bundles. */
export function isCertificateKey(key: string): boolean {
  const k = key.toLowerCase();
  if (!/\.(crt|pem|cert)$/.test(k)) return false;
  return !/(^|[._-])(ca|cacert|ca-bundle|ca-certificates|bundle|chain|trust|truststore|root)([._-]|$)/.test(k);
}
