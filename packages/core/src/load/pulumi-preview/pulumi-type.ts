/**
 * Pulumi Kubernetes type tokens: `kubernetes:<group>/<version>:<Kind>` (`core` is the legacy
 * group), e.g. `kubernetes:core/v1:Service`, `kubernetes:networking.k8s.io/v1:Ingress`, and the
 * same form for custom resources (`kubernetes:traefik.io/v1alpha1:IngressRoute`).
 */
export interface KubeType {
  apiVersion: string;
  kind: string;
}

const TOKEN = /^kubernetes:([^:/]+)\/([^:/]+):([A-Za-z0-9]+)$/;

/**
 * The apiVersion and kind a Pulumi type token stands for, or undefined for what is not one
 * Kubernetes object: providers, components (`kubernetes:yaml:ConfigFile`, `kubernetes:helm.sh/v3:Chart`
 * has no object of its own), server-side-apply patches (`...Patch`, partial objects) and lists.
 */
export function kubeTypeOf(type: string): KubeType | undefined {
  const m = TOKEN.exec(type);
  if (!m) return undefined;
  const [, group, version, kind] = m as unknown as [string, string, string, string];
  if (kind.endsWith("Patch") || kind.endsWith("List")) return undefined;
  return { apiVersion: group === "core" ? version : `${group}/${version}`, kind };
}
