/**
 * Credentials for an ingress controller (Traefik) running inside the sandbox: a ServiceAccount
 * token from the TokenRequest API, so the controller is subject to the RBAC the user's
 * manifests grant it (a missing ClusterRole rule then shows up as in production).
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ApiException, CoreV1Api, type KubeConfig } from "@kubernetes/client-node";
import { writeKubeconfig } from "../local/kubeconfig.js";

export interface ControllerAccessOptions {
  namespace: string;
  serviceAccount: string;
  /** Create the namespace and ServiceAccount when missing (default true). */
  create?: boolean;
  /** Token lifetime; the API server's minimum is 600 s. Default 24 h. */
  expirationSeconds?: number;
}

export interface ControllerAccess {
  namespace: string;
  serviceAccount: string;
  /** The API server as seen from inside the sandbox, e.g. https://127.0.0.1:6443. */
  server: string;
  token: string;
  /** Files (absolute paths, readable inside the sandbox): the token, the cluster CA, a kubeconfig using both. */
  tokenPath: string;
  caPath: string;
  kubeconfigPath: string;
}

export async function createControllerAccess(
  kc: KubeConfig,
  where: { dir: string; server: string; caPath: string },
  options: ControllerAccessOptions,
): Promise<ControllerAccess> {
  const core = kc.makeApiClient(CoreV1Api);
  const { namespace, serviceAccount } = options;
  if (options.create ?? true) {
    await ignoreConflict(core.createNamespace({ body: { metadata: { name: namespace } } }));
    await ignoreConflict(core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: serviceAccount, namespace } } }));
  }
  const answer = await core.createNamespacedServiceAccountToken({
    name: serviceAccount,
    namespace,
    body: { spec: { audiences: [], expirationSeconds: options.expirationSeconds ?? 24 * 60 * 60 } },
  });
  const token = answer.status?.token;
  if (!token) throw new Error(`TokenRequest for ${namespace}/${serviceAccount} returned no token`);

  const dir = join(where.dir, "controllers", `${namespace}.${serviceAccount}`);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tokenPath = join(dir, "token");
  const kubeconfigPath = join(dir, "kubeconfig");
  await writeFile(tokenPath, token, { mode: 0o600 });
  await writeKubeconfig(kubeconfigPath, { name: `kubegate-${serviceAccount}`, server: where.server, caFile: where.caPath, user: { tokenFile: tokenPath }, namespace });
  return { namespace, serviceAccount, server: where.server, token, tokenPath, caPath: where.caPath, kubeconfigPath };
}

async function ignoreConflict(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (!(err instanceof ApiException && err.code === 409)) throw err;
  }
}
