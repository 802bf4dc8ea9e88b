/**
 * API groups that moved: the same resource under its old group must keep its identity, or an
 * `extensions/v1beta1` -> `networking.k8s.io/v1` Ingress migration would read as delete + create.
 */
const MOVED: Record<string, Record<string, string> | string> = {
  extensions: {
    Ingress: "networking.k8s.io",
    NetworkPolicy: "networking.k8s.io",
    Deployment: "apps",
    DaemonSet: "apps",
    ReplicaSet: "apps",
    PodSecurityPolicy: "policy",
  },
  // Traefik v2.x CRDs lived in traefik.containo.us; v3 serves the same kinds from traefik.io.
  "traefik.containo.us": "traefik.io",
};

export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
}

export function versionOf(apiVersion: string): string {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
}

export function canonicalGroup(apiVersion: string, kind: string): string {
  const group = groupOf(apiVersion);
  const moved = MOVED[group];
  if (typeof moved === "string") return moved;
  return moved?.[kind] ?? group;
}
