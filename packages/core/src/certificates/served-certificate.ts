import type { Manifest, ManifestSet } from "../model/manifest.js";
import { resourceKey } from "../normalize/index.js";
import { certificateIps, certificateNames, certificatesBySecret, issuerOf } from "./cert-manager.js";
import { objectKeys, objectValue } from "./object-data.js";
import { isCertificateKey, leafCertificate } from "./public-certificate.js";

/** Who vouches for a certificate: the issuer DN of a visible certificate, or a cert-manager issuerRef. */
export type CertificateIssuer = { kind: "x509"; name: string } | { kind: "cert-manager"; name: string };

/** The certificate an endpoint serves, as far as the manifests show it. */
export interface ServedCertificate {
  /** "ConfigMap ns/name key service.crt", "Secret ns/name from cert-manager Certificate ns/c (ClusterIssuer/x)". */
  origin: string;
  /** The object that declares it (the Certificate, the Secret or ConfigMap), when in the manifests. */
  declaredBy?: Manifest;
  /** false: the certificate lives outside the manifests (a Secret created by hand, ACME): names unknown. */
  visible: boolean;
  dnsNames: string[];
  ipAddresses: string[];
  issuer?: CertificateIssuer;
  /** Validity of a certificate shipped in the manifests. */
  validity?: { notBefore: Date; notAfter: Date };
  /** SHA-256 of a shipped certificate, or the Certificate's spec: the same value means the same certificate. */
  fingerprint?: string;
  /** Where the shipped certificate is: stand-ins may serve it when its private key is shipped beside it. */
  location?: { manifest: Manifest; key: string };
}

/** A certificate in one key of a Secret or ConfigMap of the manifests, or undefined when the key holds none. */
export function shippedCertificate(m: Manifest, key: string): ServedCertificate | undefined {
  const text = objectValue(m, key);
  const leaf = text ? leafCertificate(text) : undefined;
  if (!leaf) return undefined;
  return {
    origin: `${m.ref.kind} ${m.ref.namespace}/${m.ref.name} key ${key}`,
    declaredBy: m,
    visible: true,
    dnsNames: leaf.dnsNames,
    ipAddresses: leaf.ipAddresses,
    issuer: { kind: "x509", name: leaf.issuer },
    validity: { notBefore: leaf.notBefore, notAfter: leaf.notAfter },
    fingerprint: leaf.fingerprint,
    location: { manifest: m, key },
  };
}

/** What a cert-manager Certificate will write into its Secret. */
export function issuedCertificate(cert: Manifest, secret: string): ServedCertificate {
  const issuer = issuerOf(cert);
  const dnsNames = certificateNames(cert).map((n) => n.toLowerCase());
  const ipAddresses = certificateIps(cert);
  return {
    origin: `Secret ${secret} from cert-manager Certificate ${cert.ref.namespace}/${cert.ref.name} (${issuer})`,
    declaredBy: cert,
    visible: true,
    dnsNames,
    ipAddresses,
    issuer: { kind: "cert-manager", name: issuer },
    fingerprint: `certificate:${issuer}:${[...dnsNames, ...ipAddresses].sort().join(",")}`,
  };
}

export function invisibleCertificate(origin: string): ServedCertificate {
  return { origin, visible: false, dnsNames: [], ipAddresses: [] };
}

/**
 * The certificate a Secret ("namespace/name") holds: written by a Certificate of the manifests,
 * shipped in them (the key named, else `tls.crt`, else any certificate-looking key), or neither.
 */
export function secretCertificate(set: ManifestSet, secret: string, key?: string): ServedCertificate {
  const certificate = certificatesBySecret(set).get(secret);
  if (certificate && (!key || key === "tls.crt")) return issuedCertificate(certificate, secret);
  const [ns, name] = secret.split("/") as [string, string];
  const object = set.byKey.get(resourceKey("", "Secret", ns, name));
  if (!object) return invisibleCertificate(`Secret ${secret}${key ? ` key ${key}` : ""} (managed outside the manifests)`);
  const keys = key ? [key] : ["tls.crt", ...objectKeys(object).filter((k) => k !== "tls.crt" && isCertificateKey(k))];
  for (const k of keys) {
    const found = shippedCertificate(object, k);
    if (found) return found;
  }
  return invisibleCertificate(`Secret ${secret}${key ? ` key ${key}` : ""} (shipped without a certificate that parses)`);
}
