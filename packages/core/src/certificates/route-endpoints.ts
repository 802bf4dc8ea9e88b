import type { ManifestSet } from "../model/manifest.js";
import { routeTable, type Route } from "../routes/index.js";
import { invisibleCertificate, secretCertificate, type ServedCertificate } from "./served-certificate.js";
import type { TlsEndpoint } from "./tls-endpoint.js";

function routeCertificate(set: ManifestSet, route: Route): ServedCertificate {
  const tls = route.tls ?? {};
  if (tls.secretName) return secretCertificate(set, `${route.source.ref.namespace ?? "default"}/${tls.secretName}`);
  if (tls.certResolver) return invisibleCertificate(`Traefik certResolver ${tls.certResolver} (issued by ACME at runtime)`);
  return invisibleCertificate("the ingress controller's default certificate");
}

/**
 * Hosts whose TLS an ingress controller terminates (Ingress `tls`, IngressRoute `tls` secretName or
 * certResolver, Gateway listeners' certificateRefs), one endpoint per host: the first route that
 * serves the host with TLS decides its certificate.
 */
export function routeTlsEndpoints(set: ManifestSet, routes: readonly Route[] = routeTable(set)): TlsEndpoint[] {
  const out = new Map<string, TlsEndpoint>();
  for (const route of routes) {
    if (!route.tls) continue;
    const ref = route.source.ref;
    const certificate = routeCertificate(set, route);
    for (const host of route.hosts) {
      const key = `host ${host.toLowerCase()}`;
      if (out.has(key)) continue;
      out.set(key, {
        key,
        label: `host ${host} (${ref.kind} ${ref.namespace ?? "default"}/${ref.name})`,
        terminatedBy: "controller",
        manifest: route.source,
        certificate,
        tie: `${ref.kind} ${ref.namespace ?? "default"}/${ref.name} terminates TLS for it at the ingress controller`,
        tiedByConfig: true,
        hosts: [host],
      });
    }
  }
  return [...out.values()];
}
