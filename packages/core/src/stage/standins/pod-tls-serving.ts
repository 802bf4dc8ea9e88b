/**
 * What a stand-in serves for a Service whose pods terminate TLS themselves: the certificate the
 * pod would serve. The shipped PEM when its private key is shipped beside it (the same Secret or
 * ConfigMap); otherwise a certificate the run's CA issues for exactly the names the pod's
 * certificate covers (the PEM's SANs, or a cert-manager Certificate's names), as cert-manager or
 * the operators would in production. Keys only ever go to the stand-in (files of mode 0600 in the
 * run dir), never into a report.
 */
import { createPrivateKey, createPublicKey } from "node:crypto";
import { coveredNames, type ServedCertificate, type TlsEndpoint } from "../../certificates/index.js";
import { objectValue } from "../../certificates/object-data.js";
import type { CertificateAuthority, IssuedCertificate } from "../tls/certificate-authority.js";
import type { StandinPlan } from "./plan.js";

export interface PodTlsListener {
  endpoint: TlsEndpoint;
  /** "address:port" of the stand-in listener. */
  listener: string;
  address: string;
  port: number;
  /** Issued by the run's CA (probes then expect that CA); false: the shipped PEM itself. */
  issued: boolean;
}

export interface PodTlsServing {
  byListener: Record<string, IssuedCertificate>;
  listeners: PodTlsListener[];
  notes: string[];
}

/** The private key shipped with a certificate (tls.crt -> tls.key, service.crt -> service.key), when it matches. */
function shippedKey(c: ServedCertificate): IssuedCertificate | undefined {
  if (!c.location) return undefined;
  const { manifest, key } = c.location;
  const cert = objectValue(manifest, key);
  const candidates = key === "tls.crt" ? ["tls.key"] : [key.replace(/\.(crt|pem|cert)$/i, ".key"), key.replace(/\.(crt|pem|cert)$/i, "-key.pem")];
  for (const k of candidates) {
    const pem = k !== key ? objectValue(manifest, k) : undefined;
    if (!cert || !pem) continue;
    try {
      const fromKey = createPublicKey(createPrivateKey(pem)).export({ type: "spki", format: "der" });
      const fromCert = createPublicKey(cert).export({ type: "spki", format: "der" });
      if (Buffer.compare(fromKey, fromCert) === 0) return { cert, key: pem };
    } catch {
      // not a key that parses: issue one instead
    }
  }
  return undefined;
}

/** Certificates per stand-in listener for one side's Service ports whose pods terminate TLS. */
export async function podTlsServing(endpoints: readonly TlsEndpoint[], plan: StandinPlan, ca: CertificateAuthority, stage: string): Promise<PodTlsServing> {
  const out: PodTlsServing = { byListener: {}, listeners: [], notes: [] };
  for (const endpoint of endpoints) {
    const s = endpoint.service;
    const standin = s && plan.services.find((x) => x.namespace === s.namespace && x.name === s.name);
    if (!s || !standin) continue;
    const listener = `${standin.address}:${s.targetPort}`;
    if (!plan.listeners.some((l) => `${l.address}:${l.port}` === listener)) continue;
    const c = endpoint.certificate;
    if (!c.visible) {
      out.notes.push(`at ${stage}: ${endpoint.label} serves ${c.origin}: its names are unknown, the stand-in serves kubegate's default certificate and the port is not probed by name`);
      continue;
    }
    const shipped = shippedKey(c);
    const names = coveredNames(c);
    const material = shipped ?? (await ca.issue({ subject: `CN=${names[0] ?? endpoint.label}`, usage: "server", dnsNames: c.dnsNames, ips: c.ipAddresses }));
    if (!shipped) out.notes.push(`at ${stage}: the stand-in of ${endpoint.label} serves a certificate from the run's CA for exactly the names of ${c.origin} (${names.join(", ") || "no name"})`);
    out.byListener[listener] = material;
    out.listeners.push({ endpoint, listener, address: standin.address, port: s.targetPort, issued: !shipped });
  }
  return out;
}
