/**
 * Where an external cluster's API server is, read from the current context of a kubeconfig:
 * what the sandbox must imitate (address, port, name) and the CA the controller verifies it with.
 */
import { readFile } from "node:fs/promises";
import { isIP } from "node:net";
import type { KubeConfig } from "@kubernetes/client-node";

export interface ApiServerEndpoint {
  kubeConfig: KubeConfig;
  /** The server URL as the kubeconfig gives it ("https://127.0.0.1:40123"). */
  server: string;
  /** Host name or IPv4 address of the URL. */
  host: string;
  port: number;
  /** The IPv4 address to listen on inside the sandbox; undefined when the URL names a host (mapped to 127.0.0.1 inside). */
  ip?: string;
  /** PEM of the cluster's certificate authority. */
  caPem: string;
}

export async function apiServerEndpoint(kubeconfigText: string): Promise<ApiServerEndpoint> {
  const { KubeConfig } = await import("@kubernetes/client-node");
  const kc = new KubeConfig();
  try {
    kc.loadFromString(kubeconfigText);
  } catch (err) {
    throw new Error(`kubeconfig is not valid: ${(err as Error).message}`);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new Error(`kubeconfig has no cluster for its current context ${JSON.stringify(kc.getCurrentContext())}`);
  let url: URL;
  try {
    url = new URL(cluster.server);
  } catch {
    throw new Error(`cluster ${cluster.name}: server ${JSON.stringify(cluster.server)} is not a URL`);
  }
  if (url.protocol !== "https:") throw new Error(`cluster ${cluster.name}: server ${cluster.server} is not https; kubegate only talks to API servers over TLS`);
  if (cluster.skipTLSVerify) {
    throw new Error(`cluster ${cluster.name} sets insecure-skip-tls-verify: kubegate needs the cluster's certificate authority so the ingress controller can verify the API server`);
  }
  const caPem = cluster.caData ? Buffer.from(cluster.caData, "base64").toString("utf8") : cluster.caFile ? await readFile(cluster.caFile, "utf8") : undefined;
  if (!caPem?.includes("BEGIN CERTIFICATE")) throw new Error(`cluster ${cluster.name} has no certificate-authority(-data): kubegate needs it so the ingress controller can verify the API server`);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) === 6) throw new Error(`cluster ${cluster.name}: IPv6 API server addresses (${host}) are not supported yet; use an IPv4 address or a name`);
  const port = url.port ? Number(url.port) : 443;
  const ip = isIP(host) === 4 ? host : host === "localhost" ? "127.0.0.1" : undefined;
  return { kubeConfig: kc, server: cluster.server.replace(/\/+$/, ""), host, port, ...(ip ? { ip } : {}), caPem };
}
