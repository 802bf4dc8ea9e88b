import type { Manifest, ManifestSet } from "../model/manifest.js";

/** cert-manager.io, and certmanager.k8s.io of cert-manager < 0.11 that old charts still render. */
const GROUPS = new Set(["cert-manager.io", "certmanager.k8s.io"]);

type CertificateSpec = {
  secretName?: string;
  commonName?: string;
  dnsNames?: string[];
  ipAddresses?: string[];
  issuerRef?: { name?: string; kind?: string; group?: string };
};

export function certificateSpec(cert: Manifest): CertificateSpec {
  return (cert.object.spec ?? {}) as CertificateSpec;
}

const cache = new WeakMap<ManifestSet, Map<string, Manifest>>();

/** cert-manager Certificates by the Secret they write: "namespace/secretName". */
export function certificatesBySecret(set: ManifestSet): Map<string, Manifest> {
  let map = cache.get(set);
  if (map) return map;
  map = new Map();
  for (const m of set.manifests) {
    if (m.ref.kind !== "Certificate" || !GROUPS.has(m.group)) continue;
    const secretName = certificateSpec(m).secretName;
    if (secretName) map.set(`${m.ref.namespace}/${secretName}`, m);
  }
  cache.set(set, map);
  return map;
}

/** "ClusterIssuer/letsencrypt"; external issuers keep their group ("AWSPCAIssuer.awspca.cert-manager.io/pca"). */
export function issuerOf(cert: Manifest): string {
  const ref = certificateSpec(cert).issuerRef ?? {};
  const kind = ref.kind ?? "Issuer";
  const group = ref.group && !GROUPS.has(ref.group) ? `.${ref.group}` : "";
  return `${kind}${group}/${ref.name ?? "?"}`;
}

/** Names the issued certificate will hold: dnsNames, plus the commonName cert-manager also puts in the SAN. */
export function certificateNames(cert: Manifest): string[] {
  const spec = certificateSpec(cert);
  return [...new Set([...(spec.dnsNames ?? []), ...(spec.commonName ? [spec.commonName] : [])])];
}

/** IP addresses the issued certificate will hold. */
export function certificateIps(cert: Manifest): string[] {
  return [...new Set(certificateSpec(cert).ipAddresses ?? [])];
}
