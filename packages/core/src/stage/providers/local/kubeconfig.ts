/**
 * Kubeconfig files for the local cluster: the admin one kubegate and the user's kubectl use
 * (host side, through the forward), and per-controller ones (inside the sandbox, token auth).
 * Credentials are embedded or referenced by absolute path, so the file works from any cwd.
 */
import { writeFile } from "node:fs/promises";
import yaml from "js-yaml";

export interface KubeconfigUser {
  clientCertificatePem?: string;
  clientKeyPem?: string;
  token?: string;
  tokenFile?: string;
}

export interface KubeconfigSpec {
  name: string;
  server: string;
  /** Embedded CA (PEM), or the path of a CA file. */
  caPem?: string;
  caFile?: string;
  user: KubeconfigUser;
  namespace?: string;
}

const b64 = (pem: string): string => Buffer.from(pem, "utf8").toString("base64");

export function kubeconfigYaml(spec: KubeconfigSpec): string {
  const cluster: Record<string, string> = { server: spec.server };
  if (spec.caPem) cluster["certificate-authority-data"] = b64(spec.caPem);
  if (spec.caFile) cluster["certificate-authority"] = spec.caFile;
  const user: Record<string, string> = {};
  if (spec.user.clientCertificatePem) user["client-certificate-data"] = b64(spec.user.clientCertificatePem);
  if (spec.user.clientKeyPem) user["client-key-data"] = b64(spec.user.clientKeyPem);
  if (spec.user.token) user["token"] = spec.user.token;
  if (spec.user.tokenFile) user["tokenFile"] = spec.user.tokenFile;
  const context: Record<string, string> = { cluster: spec.name, user: spec.name };
  if (spec.namespace) context["namespace"] = spec.namespace;
  return yaml.dump({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: spec.name, cluster }],
    users: [{ name: spec.name, user }],
    contexts: [{ name: spec.name, context }],
    "current-context": spec.name,
    preferences: {},
  });
}

/** Written 0600: it holds credentials. */
export async function writeKubeconfig(path: string, spec: KubeconfigSpec): Promise<void> {
  await writeFile(path, kubeconfigYaml(spec), { mode: 0o600 });
}
