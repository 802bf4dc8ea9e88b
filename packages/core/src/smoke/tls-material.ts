import type { KubeObject } from "../model/kube-object.js";
import type { ManifestSet } from "../model/manifest.js";
import { routeTable } from "../routes/route-table.js";
import type { CertificateAuthority } from "../stage/tls/certificate-authority.js";

/** A TLS Secret kubegate creates because something else (cert-manager, ACME) would in production. */
export interface PlannedSecret {
  namespace: string;
  name: string;
  dnsNames: string[];
  /** What production would have issued it: "Certificate shop/web", "Ingress shop/web (cert-manager.io/cluster-issuer)". */
  origin: string;
  /** What production needs for it that may live outside the manifests (smoke/standin-needs.ts): the issuer, or the Secret itself. */
  needs?: string;
}

/**
 * cert-manager and ACME issue certificates in production; staging has neither, so kubegate issues
 * the same certificates from the run's CA: exactly the names a Certificate asks for (incident 004
 * was a Certificate for the wrong names), the hosts of an Ingress that cert-manager's ingress-shim
 * would cover, and one default certificate for routes served by an ACME resolver.
 * Secrets the manifests ship themselves are used as they are.
 */
export function planTlsSecrets(set: ManifestSet, controllerNamespace: string | undefined): { secrets: PlannedSecret[]; acmeDefault?: PlannedSecret; notes: string[] } {
  const shipped = new Set(set.manifests.filter((m) => m.ref.kind === "Secret" && m.group === "").map((m) => `${m.ref.namespace}/${m.ref.name}`));
  const planned = new Map<string, PlannedSecret>();
  const notes: string[] = [];
  const add = (s: PlannedSecret): void => {
    const key = `${s.namespace}/${s.name}`;
    if (shipped.has(key)) return;
    const existing = planned.get(key);
    if (existing) notes.push(`Secret ${key} is written by both ${existing.origin} and ${s.origin}; staging keeps the first`);
    else planned.set(key, s);
  };
  for (const m of set.manifests) {
    const namespace = m.ref.namespace ?? "default";
    if (m.ref.kind === "Certificate" && m.group === "cert-manager.io") {
      const spec = (m.object.spec ?? {}) as { secretName?: string; dnsNames?: string[]; commonName?: string; issuerRef?: { name?: string; kind?: string } };
      if (!spec.secretName) continue;
      const names = [...new Set([...(spec.dnsNames ?? []), ...(spec.commonName ? [spec.commonName] : [])])];
      const issuer = spec.issuerRef?.name ? issuerKey(spec.issuerRef.kind ?? "Issuer", spec.issuerRef.name, namespace) : undefined;
      add({ namespace, name: spec.secretName, dnsNames: names, origin: `Certificate ${namespace}/${m.ref.name}`, ...(issuer ? { needs: issuer } : {}) });
    }
    if (m.ref.kind === "Ingress" && m.group === "networking.k8s.io") {
      const annotations = m.object.metadata.annotations ?? {};
      const issuer = annotations["cert-manager.io/cluster-issuer"] ? "cert-manager.io/cluster-issuer" : annotations["cert-manager.io/issuer"] ? "cert-manager.io/issuer" : undefined;
      if (!issuer) continue;
      for (const tls of ((m.object.spec ?? {}) as { tls?: Array<{ hosts?: string[]; secretName?: string }> }).tls ?? []) {
        const needs = issuerKey(issuer === "cert-manager.io/cluster-issuer" ? "ClusterIssuer" : "Issuer", annotations[issuer]!, namespace);
        if (tls.secretName && tls.hosts?.length) add({ namespace, name: tls.secretName, dnsNames: tls.hosts, origin: `Ingress ${namespace}/${m.ref.name} (${issuer})`, needs });
      }
    }
  }
  // Secrets routes name that nothing here provides live in the real cluster: staging issues a
  // stand-in for the hosts that use them, so the probe tests routing, not a missing Secret.
  const routes = routeTable(set);
  // Hosts per Secret, in route order, computed once (a lookup per route made 1,000 routes quadratic).
  const hostsBySecret = new Map<string, string[]>();
  for (const r of routes) {
    if (!r.tls?.secretName) continue;
    const key = `${r.source.ref.namespace ?? "default"}/${r.tls.secretName}`;
    const hosts = hostsBySecret.get(key) ?? [];
    for (const h of r.hosts) if (!hosts.includes(h)) hosts.push(h);
    hostsBySecret.set(key, hosts);
  }
  for (const route of routes) {
    const secretName = route.tls?.secretName;
    if (!secretName || route.hosts.length === 0) continue;
    const namespace = route.source.ref.namespace ?? "default";
    const key = `${namespace}/${secretName}`;
    if (shipped.has(key) || planned.has(key)) continue;
    add({ namespace, name: secretName, dnsNames: hostsBySecret.get(key) ?? [], origin: `Secret ${key} (not in the manifests: a stand-in for the hosts that use it)`, needs: `Secret/${key}` });
  }
  const acmeHosts = [...new Set(routes.filter((r) => r.tls?.certResolver && !r.tls.secretName).flatMap((r) => r.hosts))].sort();
  const acmeDefault = acmeHosts.length && controllerNamespace
    ? { namespace: controllerNamespace, name: "kubegate-acme-standin", dnsNames: acmeHosts, origin: "ACME certificate resolvers (staging has no ACME server)" }
    : undefined;
  const secrets = [...planned.values()];
  for (const s of secrets.filter((x) => x.dnsNames.length === 0)) notes.push(`${s.origin} names no DNS name: no certificate issued for Secret ${s.namespace}/${s.name}`);
  return { secrets: secrets.filter((s) => s.dnsNames.length > 0), ...(acmeDefault ? { acmeDefault } : {}), notes };
}

/** Dependency key of a cert-manager issuer: cluster-scoped kinds by name, namespaced ones by namespace and name. */
function issuerKey(kind: string, name: string, namespace: string): string {
  return kind.endsWith("ClusterIssuer") ? `${kind}/${name}` : `${kind}/${namespace}/${name}`;
}

/** Certificates issued per run CA, by Secret and names. */
const ISSUED = new WeakMap<CertificateAuthority, Map<string, ReturnType<CertificateAuthority["issue"]>>>();

/** Issues the planned certificates from the run CA and returns the Secret objects to apply. */
export async function issueTlsSecrets(ca: CertificateAuthority, secrets: PlannedSecret[]): Promise<KubeObject[]> {
  let issued = ISSUED.get(ca);
  if (!issued) ISSUED.set(ca, (issued = new Map()));
  const cache = issued;
  return Promise.all(
    secrets.map(async (s) => {
      // The same Secret for the same names at base and head is the same certificate, as it would
      // be in production (cert-manager does not reissue an unchanged Certificate): head's apply
      // then leaves it alone instead of rotating every key.
      const id = JSON.stringify([s.namespace, s.name, s.dnsNames, s.origin]);
      let pending = cache.get(id);
      if (!pending) cache.set(id, (pending = ca.issue({ subject: `CN=${s.dnsNames[0] ?? s.name}`, usage: "server", dnsNames: s.dnsNames })));
      const { cert, key } = await pending;
      return {
        apiVersion: "v1",
        kind: "Secret",
        type: "kubernetes.io/tls",
        metadata: { name: s.name, namespace: s.namespace, labels: { "app.kubernetes.io/managed-by": "kubegate" }, annotations: { "kubegate.dev/stands-in-for": s.origin } },
        data: { "tls.crt": Buffer.from(cert).toString("base64"), "tls.key": Buffer.from(key).toString("base64") },
      };
    }),
  );
}

/** Traefik's default certificate for ACME-resolved routes: a TLSStore named "default". */
export function acmeDefaultStore(secret: PlannedSecret, apiVersion: string): KubeObject {
  return {
    apiVersion,
    kind: "TLSStore",
    metadata: { name: "default", namespace: secret.namespace },
    spec: { defaultCertificate: { secretName: secret.name } },
  };
}
