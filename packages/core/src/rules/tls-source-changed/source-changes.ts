import type { Manifest, ManifestSet } from "../../model/manifest.js";
import { resourceKey } from "../../normalize/index.js";
import type { Route } from "../../routes/index.js";
import type { ReportInput } from "../rule.js";
import { certificatesBySecret, issuerOf } from "../../certificates/cert-manager.js";
import { hostList, hostPathKeys, secretKeyOf, where } from "./describe.js";

/** Who provides a route's certificate, as far as the manifests tell. */
interface TlsSource {
  secret?: string;
  /** A cert-manager Certificate writes the Secret, or something else does (a person, another tool). */
  producer?: "Certificate" | "Secret";
  issuer?: string;
  /** The issuer is named by the route's annotation (ingress-shim) or by a Certificate of the manifests. */
  issuerFrom?: "annotation" | "Certificate";
  certResolver?: string;
  text: string;
}

function tlsSource(route: Route, set: ManifestSet): TlsSource {
  const tls = route.tls ?? {};
  const secret = secretKeyOf(route);
  const parts: string[] = [];
  let producer: TlsSource["producer"];
  let cert: Manifest | undefined;
  if (secret) {
    cert = certificatesBySecret(set).get(secret);
    // ingress-shim writes the Secret through a Certificate it creates from the annotation.
    producer = cert || tls.issuer ? "Certificate" : "Secret";
    const [ns, name] = secret.split("/") as [string, string];
    if (cert) parts.push(`Secret ${secret} from cert-manager Certificate ${cert.ref.namespace}/${cert.ref.name} (${issuerOf(cert)})`);
    else if (tls.issuer) parts.push(`Secret ${secret} issued by ${tls.issuer} (cert-manager ingress-shim)`);
    else if (set.byKey.has(resourceKey("", "Secret", ns, name))) parts.push(`Secret ${secret} (shipped in the manifests)`);
    else parts.push(`Secret ${secret} (managed outside the manifests)`);
  } else if (tls.issuer) parts.push(`${tls.issuer} (cert-manager annotation, no secretName)`);
  if (tls.certResolver) parts.push(`Traefik certResolver ${tls.certResolver}`);
  if (parts.length === 0) parts.push("the controller's default certificate");
  const issuer = tls.issuer ?? (cert ? issuerOf(cert) : undefined);
  return {
    ...(secret ? { secret } : {}),
    ...(producer ? { producer } : {}),
    ...(issuer ? { issuer, issuerFrom: tls.issuer ? "annotation" as const : "Certificate" as const } : {}),
    ...(tls.certResolver ? { certResolver: tls.certResolver } : {}),
    text: parts.join(" + "),
  };
}

function differences(a: TlsSource, b: TlsSource): string[] {
  const out: string[] = [];
  if (a.secret !== b.secret) out.push("secretName");
  else if (a.producer !== b.producer) out.push(b.producer === "Certificate" ? "Secret now written by a cert-manager Certificate" : "cert-manager Certificate no longer writes the Secret");
  // An issuer appearing or going away is the producer change above. The same Certificate-written
  // Secret on both sides is issuer-changes.ts's to report.
  const sameCertificateSecret = a.secret === b.secret && a.issuerFrom === "Certificate" && b.issuerFrom === "Certificate";
  if (a.issuer && b.issuer && a.issuer !== b.issuer && !sameCertificateSecret) out.push("cert-manager issuer");
  if (a.certResolver !== b.certResolver) out.push("certResolver");
  return out;
}

/** Per host and path: the routes serving it, and the first that terminates TLS. */
function byHostPath(routes: Route[]): Map<string, { any: Route; tls?: Route }> {
  const map = new Map<string, { any: Route; tls?: Route }>();
  for (const route of routes) {
    for (const key of hostPathKeys(route)) {
      const entry = map.get(key) ?? { any: route };
      if (route.tls && !entry.tls) entry.tls = route;
      map.set(key, entry);
    }
  }
  return map;
}

/** Hosts served with TLS in base whose certificate source differs in head (or TLS is gone). */
export function sourceChanges(base: ManifestSet, head: ManifestSet, baseRoutes: Route[], headRoutes: Route[]): ReportInput[] {
  const before = byHostPath(baseRoutes);
  const groups = new Map<string, { route: Route; hosts: string[]; old: string; now: string; what: string[]; off: boolean }>();
  for (const [key, now] of byHostPath(headRoutes)) {
    const was = before.get(key)?.tls;
    if (!was) continue;
    const old = tlsSource(was, base);
    const route = now.tls ?? now.any;
    const current = now.tls ? tlsSource(now.tls, head) : undefined;
    const what = current ? differences(old, current) : ["TLS switched off"];
    if (what.length === 0) continue;
    const nowText = current?.text ?? "no TLS";
    const id = `${route.source.key}\u0000${old.text}\u0000${nowText}`;
    const group = groups.get(id) ?? { route, hosts: [], old: old.text, now: nowText, what, off: !current };
    const host = key.slice(0, key.indexOf("|"));
    if (!group.hosts.includes(host)) group.hosts.push(host);
    groups.set(id, group);
  }
  return [...groups.values()].map(({ route, hosts, old, now, what, off }) => {
    const these = hosts.length > 1 ? "these hosts" : "this host";
    const tail = off
      ? `${these} no longer get${hosts.length > 1 ? "" : "s"} TLS from this route`
      : `the next deploy serves a different certificate for ${these}: make sure it is ready and covers ${hosts.length > 1 ? "them" : "it"}`;
    return {
      manifest: route.source,
      // A new source is a reason to look, not proof of harm: coverage gaps are what block.
      // Hosts that lose TLS altogether break every https client.
      severity: off ? ("high" as const) : ("warning" as const),
      message:
        `${hostList(hosts)} (${route.source.ref.kind} ${route.source.ref.namespace}/${route.source.ref.name}, ${where(route.source)}): ` +
        `TLS certificate source changes (${what.join(", ")}): ${old} -> ${now}; ${tail} (incident 004)`,
    };
  });
}
