/**
 * API groups served by kube-apiserver itself. Only these are looked up in the schema libraries:
 * a CRD group that merely ends in `.k8s.io` (gateway.networking.k8s.io) is not built in.
 */
export const BUILT_IN_GROUPS: ReadonlySet<string> = new Set([
  "",
  "admissionregistration.k8s.io",
  "apiextensions.k8s.io",
  "apiregistration.k8s.io",
  "apps",
  "authentication.k8s.io",
  "authorization.k8s.io",
  "autoscaling",
  "batch",
  "certificates.k8s.io",
  "coordination.k8s.io",
  "discovery.k8s.io",
  "events.k8s.io",
  "extensions",
  "flowcontrol.apiserver.k8s.io",
  "internal.apiserver.k8s.io",
  "networking.k8s.io",
  "node.k8s.io",
  "policy",
  "rbac.authorization.k8s.io",
  "resource.k8s.io",
  "scheduling.k8s.io",
  "storage.k8s.io",
  "storagemigration.k8s.io",
]);

export interface BuiltInApi {
  group: string;
  version: string;
  kind: string;
}

// Kind and version become file names in the libraries: only accept what Kubernetes can name,
// so a manifest cannot point a lookup at another file ("../../x").
const VERSION = /^v\d+(?:(?:alpha|beta)\d+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

/** Splits apiVersion + kind of a built-in API, or undefined for CRDs and malformed input. */
export function builtInApi(apiVersion: unknown, kind: unknown): BuiltInApi | undefined {
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !KIND.test(kind)) return undefined;
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  if (!BUILT_IN_GROUPS.has(group) || !VERSION.test(version)) return undefined;
  return { group, version, kind };
}
