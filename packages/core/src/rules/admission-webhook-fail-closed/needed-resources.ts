import type { WebhookRule } from "./webhook.js";

/**
 * Resources an ingress controller's restart and rollout depend on: its pods (created by the
 * ReplicaSet/DaemonSet controllers), the workload objects of a rollout, what it writes while
 * running (leader-election leases, Ingress status) and what a chart upgrade applies.
 */
export const NEEDED_RESOURCES: ReadonlyArray<{ group: string; resource: string }> = [
  { group: "", resource: "pods" },
  { group: "apps", resource: "deployments" },
  { group: "apps", resource: "daemonsets" },
  { group: "apps", resource: "statefulsets" },
  { group: "apps", resource: "replicasets" },
  { group: "", resource: "services" },
  { group: "", resource: "endpoints" },
  { group: "discovery.k8s.io", resource: "endpointslices" },
  { group: "", resource: "configmaps" },
  { group: "", resource: "secrets" },
  { group: "", resource: "serviceaccounts" },
  { group: "coordination.k8s.io", resource: "leases" },
  { group: "networking.k8s.io", resource: "ingresses/status" },
];

/** Does a webhook rule intercept `resource` (may be "name/subresource") of `group`? */
export function ruleMatchesResource(rule: WebhookRule, group: string, resource: string): boolean {
  if ((rule.operations ?? []).length === 0) return false;
  // Every needed resource is namespaced: a Cluster-scoped rule never sees it.
  if (rule.scope === "Cluster") return false;
  const groups = rule.apiGroups ?? [];
  if (!groups.includes("*") && !groups.includes(group)) return false;
  const [name, sub] = resource.split("/");
  return (rule.resources ?? []).some((r) => {
    if (r === "*/*" || r === resource) return true;
    if (sub === undefined) return r === "*";
    return r === `${name}/*` || r === `*/${sub}`;
  });
}

/** The needed resources a webhook's rules intercept, as "pods", "apps/deployments", ... */
export function neededResourcesHit(rules: WebhookRule[]): string[] {
  return NEEDED_RESOURCES.filter(({ group, resource }) => rules.some((r) => ruleMatchesResource(r, group, resource))).map(({ group, resource }) =>
    group ? `${group}/${resource}` : resource,
  );
}

/** "CREATE widgets.example.com" for a message. */
export function describeRules(rules: WebhookRule[]): string {
  return rules
    .map((r) => {
      const groups = (r.apiGroups ?? []).map((g) => (g === "" ? "core" : g)).join(",");
      return `${(r.operations ?? []).join("/")} ${(r.resources ?? []).join(",")}${groups ? ` (${groups})` : ""}`;
    })
    .join("; ");
}
