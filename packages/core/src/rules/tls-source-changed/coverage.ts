import type { Manifest, ManifestSet } from "../../model/manifest.js";
import { resourceKey } from "../../normalize/index.js";
import { hostCovers, type Route } from "../../routes/index.js";
import type { ReportInput } from "../rule.js";
import { certificateNames, certificatesBySecret } from "../../certificates/cert-manager.js";
import { hostList, secretKeyOf, where } from "./describe.js";
import { certificateCovers, certificateHosts, tlsSecretCertificate } from "./x509.js";

/** A host whose TLS Secret will hold a certificate for other names. */
interface Gap {
  /** Identity across base and head: host, Secret and what fills it. */
  key: string;
  host: string;
  route: Route;
  secret: string;
  /** The Certificate that writes the Secret, or the Secret itself when it ships a certificate. */
  filler: Manifest;
  names: string[];
}

function gaps(set: ManifestSet, routes: Route[]): Gap[] {
  const out: Gap[] = [];
  for (const route of routes) {
    const secret = secretKeyOf(route);
    if (!secret) continue;
    const certificate = certificatesBySecret(set).get(secret);
    if (certificate) {
      const names = certificateNames(certificate);
      const fingerprint = `cert:${certificate.key}:${[...names].sort().join(",")}`;
      for (const host of route.hosts.filter((h) => !names.some((n) => hostCovers(n.toLowerCase(), h.toLowerCase())))) {
        out.push({ key: `${host}|${secret}|${fingerprint}`, host, route, secret, filler: certificate, names });
      }
      continue;
    }
    const [ns, name] = secret.split("/") as [string, string];
    const object = set.byKey.get(resourceKey("", "Secret", ns, name));
    const x509 = object && tlsSecretCertificate(object);
    if (!object || !x509) continue;
    for (const host of route.hosts.filter((h) => !certificateCovers(x509, h))) {
      out.push({ key: `${host}|${secret}|x509:${x509.fingerprint256}`, host, route, secret, filler: object, names: certificateHosts(x509) });
    }
  }
  return out;
}

/**
 * Hosts of head whose Secret gets a certificate that does not name them: a cert-manager Certificate
 * with other dnsNames, or a shipped kubernetes.io/tls Secret whose certificate does not match. Gaps
 * base had already (same host, Secret and certificate) are not the change's doing and are skipped.
 */
export function coverageGaps(base: ManifestSet, head: ManifestSet, baseRoutes: Route[], headRoutes: Route[]): ReportInput[] {
  const known = new Set(gaps(base, baseRoutes).map((g) => g.key));
  const groups = new Map<string, Gap[]>();
  for (const gap of gaps(head, headRoutes)) {
    if (known.has(gap.key)) continue;
    const id = `${gap.route.source.key}\u0000${gap.secret}`;
    groups.set(id, [...(groups.get(id) ?? []), gap]);
  }
  return [...groups.values()].map((list) => {
    const { route, secret, filler, names } = list[0]!;
    const hosts = [...new Set(list.map((g) => g.host))];
    const fills = filler.ref.kind === "Secret"
      ? `whose certificate (kubernetes.io/tls) is for ${names.join(", ") || "no DNS name"}`
      : `which cert-manager Certificate ${filler.ref.namespace}/${filler.ref.name} fills with a certificate for ${names.join(", ") || "no DNS name"}`;
    return {
      manifest: route.source,
      severity: "critical" as const,
      message:
        `${hostList(hosts)} (${route.source.ref.kind} ${route.source.ref.namespace}/${route.source.ref.name}, ${where(route.source)}) ` +
        `${hosts.length > 1 ? "terminate" : "terminates"} TLS with Secret ${secret}, ${fills}: clients get a certificate for another name and fail the handshake (incident 004)`,
    };
  });
}
