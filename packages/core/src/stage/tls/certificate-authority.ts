/**
 * A throwaway certificate authority for one run: it signs the API server's certificates and the
 * TLS certificates that stand in for cert-manager and ACME in staging, so probes can check that
 * the served certificate chains to it and covers the host. Nothing it issues outlives the run.
 *
 * ECDSA P-256: generated in milliseconds, accepted by Go (Traefik, kube-apiserver) and Node TLS.
 */
// @peculiar/x509 resolves its internals through tsyringe, which needs the Reflect metadata
// polyfill loaded first.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { webcrypto } from "node:crypto";

x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

const ALGORITHM = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;

export interface IssuedCertificate {
  cert: string;
  key: string;
}

export interface IssueRequest {
  /** X.500 subject, e.g. "CN=kube-apiserver" or "CN=admin, O=system:masters". */
  subject: string;
  usage: "server" | "client";
  dnsNames?: readonly string[];
  ips?: readonly string[];
  /** Default: the CA's own validity (an hour back, `validDays` ahead). Tests issue expired and future certificates. */
  validity?: { notBefore: Date; notAfter: Date };
}

export interface CertificateAuthority {
  /** PEM of the CA certificate, for kubeconfigs and probe trust. */
  readonly certPem: string;
  issue(request: IssueRequest): Promise<IssuedCertificate>;
}

export async function createCertificateAuthority(options: { name: string; validDays?: number }): Promise<CertificateAuthority> {
  const subtle = webcrypto.subtle;
  // Backdated an hour: tolerate small clock differences between kubegate and the components.
  const notBefore = new Date(Date.now() - 60 * 60 * 1000);
  const notAfter = new Date(Date.now() + (options.validDays ?? 7) * 24 * 60 * 60 * 1000);
  const caKeys = (await subtle.generateKey(ALGORITHM, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    name: `CN=${options.name}`,
    keys: caKeys,
    notBefore,
    notAfter,
    signingAlgorithm: ALGORITHM,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });

  // One key pair for every certificate of the run, and its extensions computed once: a staging
  // run issues a certificate per TLS Secret it stands in for (a thousand for a thousand routes),
  // and what a probe checks is each certificate's names and chain, never that keys differ.
  // Per-certificate keys and key identifiers cost ~3 ms each, most of a 1,000-route run's start.
  const leafKeys = (await subtle.generateKey(ALGORITHM, true, ["sign", "verify"])) as webcrypto.CryptoKeyPair;
  const [leafKeyPem, subjectKeyId, authorityKeyId] = await Promise.all([
    privateKeyPem(leafKeys.privateKey),
    x509.SubjectKeyIdentifierExtension.create(leafKeys.publicKey),
    x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey),
  ]);
  const common = [new x509.BasicConstraintsExtension(false, undefined, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true), subjectKeyId, authorityKeyId];
  const usage = {
    server: new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    client: new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
  };
  // One signature at a time: a thousand queued at once fill libuv's thread pool, and the file
  // operations of the cluster starting meanwhile wait behind them.
  let queue: Promise<unknown> = Promise.resolve();
  const issueOne = async (request: IssueRequest): Promise<IssuedCertificate> => {
    const names = [...(request.dnsNames ?? []).map((value) => ({ type: "dns" as const, value })), ...(request.ips ?? []).map((value) => ({ type: "ip" as const, value }))];
    const cert = await x509.X509CertificateGenerator.create({
      subject: request.subject,
      issuer: ca.subject,
      publicKey: leafKeys.publicKey,
      signingKey: caKeys.privateKey,
      notBefore: request.validity?.notBefore ?? notBefore,
      notAfter: request.validity?.notAfter ?? notAfter,
      signingAlgorithm: ALGORITHM,
      extensions: [...common, usage[request.usage], ...(names.length ? [new x509.SubjectAlternativeNameExtension(names)] : [])],
    });
    return { cert: cert.toString("pem"), key: leafKeyPem };
  };

  return {
    certPem: ca.toString("pem"),
    issue(request) {
      const issued = queue.then(() => issueOne(request));
      queue = issued.catch(() => undefined);
      return issued;
    },
  };
}

async function privateKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey("pkcs8", key));
  const body = der.toString("base64").replace(/(.{64})/g, "$1\n").replace(/\n$/, "");
  return `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`;
}
