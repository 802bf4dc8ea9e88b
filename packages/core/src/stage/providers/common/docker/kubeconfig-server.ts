/**
 * Node containers write an admin kubeconfig whose server is the container's own address
 * (https://<node>:6443, https://127.0.0.1:6443 inside it). kubegate reaches the API server from
 * the host through the published loopback port, so the server is rewritten: parsed, not
 * regex-replaced, so every cluster entry is changed and nothing else.
 */
import yaml from "js-yaml";

interface KubeconfigDoc {
  clusters?: Array<{ name?: string; cluster?: { server?: string } }>;
}

export function withServer(kubeconfig: string, server: string): string {
  const doc = yaml.load(kubeconfig) as KubeconfigDoc | undefined;
  if (!doc || typeof doc !== "object" || !Array.isArray(doc.clusters) || doc.clusters.length === 0) {
    throw new Error("the node's kubeconfig has no clusters");
  }
  for (const entry of doc.clusters) {
    if (!entry.cluster) throw new Error(`kubeconfig cluster ${entry.name ?? "?"} has no cluster section`);
    entry.cluster.server = server;
  }
  return yaml.dump(doc, { lineWidth: -1 });
}

/** https://127.0.0.1:<port>: the API server's published port on the host's loopback. */
export function loopbackServer(port: number): string {
  return `https://127.0.0.1:${port}`;
}
