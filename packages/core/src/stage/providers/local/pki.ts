/**
 * Per-run certificates for the local cluster: a CA, the kube-apiserver serving certificate,
 * an admin client certificate (O=system:masters, so RBAC lets kubegate do anything) and the
 * service-account token signing key pair. Fresh for every run and thrown away with it, so no
 * credential outlives the cluster it opens.
 *
 * X.509 material comes from the run's certificate authority (ECDSA P-256); service-account
 * tokens use RSA (RS256, what every JWT consumer handles).
 */
import { generateKeyPair } from "node:crypto";
import { promisify } from "node:util";
import { createCertificateAuthority } from "../../tls/certificate-authority.js";

export interface ClusterPki {
  caCert: string;
  serverCert: string;
  serverKey: string;
  adminCert: string;
  adminKey: string;
  /** Service-account token signing key (PKCS#8) and its public half (SPKI). */
  serviceAccountKey: string;
  serviceAccountPublicKey: string;
}

export interface PkiOptions {
  /** Names the CA so certificates of different runs are told apart in errors. */
  runId: string;
  serverDnsNames: readonly string[];
  serverIps: readonly string[];
  /** Validity; a cluster lives minutes, `kubegate cluster up` maybe days. */
  validDays?: number;
}

export async function createClusterPki(options: PkiOptions): Promise<ClusterPki> {
  // RSA generation is the slow part (hundreds of ms): started first, off the main thread.
  const saKeyPair = promisify(generateKeyPair)("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  saKeyPair.catch(() => undefined); // awaited below; a failure is reported there, not as unhandled
  const ca = await createCertificateAuthority({ name: `kubegate-ca-${options.runId}`, ...(options.validDays ? { validDays: options.validDays } : {}) });
  const [server, admin] = await Promise.all([
    ca.issue({ subject: "CN=kube-apiserver", usage: "server", dnsNames: options.serverDnsNames, ips: options.serverIps }),
    ca.issue({ subject: "CN=kubegate-admin, O=system:masters", usage: "client" }),
  ]);
  const sa = await saKeyPair;
  return {
    caCert: ca.certPem,
    serverCert: server.cert,
    serverKey: server.key,
    adminCert: admin.cert,
    adminKey: admin.key,
    serviceAccountKey: sa.privateKey,
    serviceAccountPublicKey: sa.publicKey,
  };
}
