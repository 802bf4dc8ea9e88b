import type { KubeObject } from "../model/kube-object.js";

/**
 * Changes the API server refuses to apply in place, so tools (Helm --force, Argo CD Replace,
 * Pulumi) delete and recreate the object. Each returns a reason, or undefined.
 */
type ImmutableCheck = (base: KubeObject, head: KubeObject) => string | undefined;

const get = (obj: unknown, path: string): unknown =>
  path.split(".").reduce<unknown>((n, k) => (n && typeof n === "object" ? (n as Record<string, unknown>)[k] : undefined), obj);
const differs = (a: KubeObject, b: KubeObject, path: string): boolean => JSON.stringify(get(a, path)) !== JSON.stringify(get(b, path));
const field = (path: string, why: string): ImmutableCheck => (a, b) => (differs(a, b, path) ? `${path} changed (${why})` : undefined);

const CHECKS: Record<string, ImmutableCheck[]> = {
  "/Service": [
    (a, b) => {
      const [x, y] = [get(a, "spec.clusterIP"), get(b, "spec.clusterIP")];
      return x !== undefined && y !== undefined && x !== y ? "spec.clusterIP changed (immutable)" : undefined;
    },
    (a, b) => {
      const [x, y] = [get(a, "spec.type") ?? "ClusterIP", get(b, "spec.type") ?? "ClusterIP"];
      return x !== y ? `spec.type changed from ${String(x)} to ${String(y)} (load balancer and node ports are released)` : undefined;
    },
  ],
  "apps/Deployment": [field("spec.selector", "immutable in apps/v1")],
  "apps/ReplicaSet": [field("spec.selector", "immutable in apps/v1")],
  "apps/DaemonSet": [field("spec.selector", "immutable in apps/v1")],
  "apps/StatefulSet": [
    field("spec.selector", "immutable"),
    field("spec.serviceName", "immutable"),
    field("spec.volumeClaimTemplates", "immutable"),
    field("spec.podManagementPolicy", "immutable"),
  ],
  "batch/Job": [field("spec.selector", "immutable"), field("spec.template", "immutable")],
  "/PersistentVolumeClaim": [field("spec.storageClassName", "immutable"), field("spec.accessModes", "immutable"), field("spec.volumeName", "immutable")],
  "/Secret": [
    (a, b) => (get(a, "immutable") === true && (differs(a, b, "data") || differs(a, b, "stringData")) ? "data of an immutable Secret changed" : undefined),
    field("type", "immutable"),
  ],
  "/ConfigMap": [(a, b) => (get(a, "immutable") === true && (differs(a, b, "data") || differs(a, b, "binaryData")) ? "data of an immutable ConfigMap changed" : undefined)],
  "rbac.authorization.k8s.io/RoleBinding": [field("roleRef", "immutable")],
  "rbac.authorization.k8s.io/ClusterRoleBinding": [field("roleRef", "immutable")],
  "apiextensions.k8s.io/CustomResourceDefinition": [field("spec.scope", "scope cannot change in place")],
};

export function replaceReasons(group: string, base: KubeObject, head: KubeObject): string[] {
  return (CHECKS[`${group}/${base.kind}`] ?? []).map((check) => check(base, head)).filter((r): r is string => r !== undefined);
}
