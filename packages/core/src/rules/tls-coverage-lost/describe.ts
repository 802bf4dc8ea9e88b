import { coveredNames, type ServedCertificate, type TlsEndpoint } from "../../certificates/index.js";

/** "Service ns/name port 4447 (release r, TLS ended by envoy in ...)". */
export function endpointText(e: TlsEndpoint): string {
  const release = e.manifest.source.release ?? e.workload?.source.release;
  const where = [release ? `release ${release}` : undefined, e.manifest.source.helmSource ?? e.manifest.source.file].filter(Boolean).join(", ");
  return `${e.label} (${where}; ${e.tie})`;
}

/** "ConfigMap ns/x key service.crt for a.example.org, b.example.org". */
export function certificateText(c: ServedCertificate): string {
  if (!c.visible) return c.origin;
  const names = coveredNames(c);
  return `${c.origin} for ${names.length ? names.join(", ") : "no name"}`;
}

export function issuerText(c: ServedCertificate): string {
  if (!c.issuer) return "an unknown issuer";
  return c.issuer.kind === "x509" ? `issuer ${c.issuer.name.replace(/\n/g, ", ")}` : `cert-manager ${c.issuer.name}`;
}

export function nameList(names: readonly string[]): string {
  return `name${names.length > 1 ? "s" : ""} ${names.join(", ")}`;
}
