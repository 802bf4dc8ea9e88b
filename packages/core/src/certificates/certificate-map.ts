import type { ManifestSet } from "../model/manifest.js";
import { hostCovers } from "../routes/index.js";
import { routeTlsEndpoints } from "./route-endpoints.js";
import type { ServedCertificate } from "./served-certificate.js";
import { serviceTlsEndpoints } from "./service-endpoints.js";
import type { TlsEndpoint } from "./tls-endpoint.js";

/** Every place TLS ends in one side's manifests, by endpoint key. */
export type CertificateMap = ReadonlyMap<string, TlsEndpoint>;

const cache = new WeakMap<ManifestSet, CertificateMap>();

export function certificateMap(set: ManifestSet): CertificateMap {
  let map = cache.get(set);
  if (!map) cache.set(set, (map = new Map([...serviceTlsEndpoints(set), ...routeTlsEndpoints(set)].map((e) => [e.key, e]))));
  return map;
}

/** Every name a certificate covers (DNS names lowercased, then IP addresses). */
export function coveredNames(c: ServedCertificate): string[] {
  return [...new Set([...c.dnsNames.map((n) => n.toLowerCase()), ...c.ipAddresses])];
}

/** Whether a certificate covers a name as a TLS client checks it (a wildcard covers one label). */
export function certificateCoversName(c: ServedCertificate, name: string): boolean {
  if (c.ipAddresses.includes(name)) return true;
  const host = name.toLowerCase();
  return c.dnsNames.some((n) => hostCovers(n.toLowerCase(), host));
}
