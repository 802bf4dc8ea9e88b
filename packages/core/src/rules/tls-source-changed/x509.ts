import { X509Certificate } from "node:crypto";
import type { Manifest } from "../../model/manifest.js";

/**
 * The leaf certificate of a `kubernetes.io/tls` Secret, or undefined when there is none or it does
 * not parse (charts often ship an empty placeholder). Nothing of it may reach a message but the
 * host names it covers, which every TLS client sees anyway.
 */
export function tlsSecretCertificate(secret: Manifest): X509Certificate | undefined {
  const object = secret.object as { type?: string; data?: Record<string, unknown>; stringData?: Record<string, unknown> };
  if (object.type !== "kubernetes.io/tls") return undefined;
  const data = object.data?.["tls.crt"];
  const plain = object.stringData?.["tls.crt"];
  const pem = typeof plain === "string" ? Buffer.from(plain) : typeof data === "string" ? Buffer.from(data, "base64") : undefined;
  if (!pem || pem.length === 0) return undefined;
  try {
    return new X509Certificate(pem);
  } catch {
    return undefined;
  }
}

/** DNS names of the subjectAltName, or the CN when there is no DNS SAN (what checkHost falls back to). */
export function certificateHosts(cert: X509Certificate): string[] {
  const sans = (cert.subjectAltName ?? "").split(/,\s*/).filter((s) => s.startsWith("DNS:")).map((s) => s.slice(4));
  if (sans.length > 0) return sans;
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(cert.subject)?.[1];
  return cn ? [cn] : [];
}

/** checkHost for a concrete host; a wildcard route host needs the very same wildcard in the SAN. */
export function certificateCovers(cert: X509Certificate, host: string): boolean {
  if (host.startsWith("*.")) return certificateHosts(cert).some((n) => n.toLowerCase() === host.toLowerCase());
  return cert.checkHost(host) !== undefined;
}
