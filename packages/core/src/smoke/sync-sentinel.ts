/**
 * Knowing when the ingress controller has loaded what was just applied, without waiting fixed
 * windows: after each apply, staging writes one more route, a copy of a route of the side (same
 * kind, namespace, class, labels and annotations, so the controller's provider filters select it
 * the same way) under a host nobody uses. The controller reads a kind's objects from one watch,
 * in the order they were written: once that route is in its configuration, so is everything the
 * apply wrote before it. The copy keeps one path and the first backend, without TLS (it needs no
 * Secret), and is never probed.
 */
import type { KubernetesObject } from "@kubernetes/client-node";
import type { KubeObject } from "../model/kube-object.js";

/** The one object name staging uses for its sentinel of each kind and namespace (updated, not re-created). */
export const SENTINEL_NAME = "kubegate-sync-sentinel";
/** `.invalid` is reserved (RFC 2606): no real route can use these hosts. */
export const sentinelHost = (generation: number): string => `sync-${generation}.kubegate.invalid`;

type Node = Record<string, unknown>;
const isRecord = (v: unknown): v is Node => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * A sentinel copy of the first route of `objects` whose kind the controller reads (`kinds`:
 * "Ingress", "IngressRoute"), or undefined when the side has none to copy (the caller then waits
 * for the controller's configuration to settle instead).
 */
export function sentinelRoute(objects: readonly KubeObject[], kinds: ReadonlySet<string>, host: string): KubernetesObject | undefined {
  for (const o of objects) {
    if (o.metadata.name === SENTINEL_NAME || !kinds.has(o.kind)) continue;
    const copy = o.kind === "Ingress" ? ingressSentinel(o, host) : o.kind === "IngressRoute" ? ingressRouteSentinel(o, host) : undefined;
    if (copy) return copy;
  }
  return undefined;
}

function metadataOf(o: KubeObject): KubernetesObject["metadata"] {
  const { labels, annotations, namespace } = o.metadata;
  // last-applied-configuration would describe the original object, not the copy.
  const kept = annotations ? Object.fromEntries(Object.entries(annotations).filter(([k]) => k !== "kubectl.kubernetes.io/last-applied-configuration")) : undefined;
  return { name: SENTINEL_NAME, ...(namespace ? { namespace } : {}), ...(labels ? { labels } : {}), ...(kept && Object.keys(kept).length ? { annotations: kept } : {}) };
}

function ingressSentinel(o: KubeObject, host: string): KubernetesObject | undefined {
  const spec = isRecord(o.spec) ? o.spec : {};
  const rules = Array.isArray(spec.rules) ? spec.rules : [];
  for (const rule of rules) {
    const paths = isRecord(rule) && isRecord(rule.http) && Array.isArray(rule.http.paths) ? rule.http.paths : [];
    const path = paths.find((p) => isRecord(p) && isRecord(p.backend));
    if (!isRecord(path)) continue;
    const className = typeof spec.ingressClassName === "string" ? { ingressClassName: spec.ingressClassName } : {};
    return { apiVersion: o.apiVersion, kind: "Ingress", metadata: metadataOf(o), spec: { ...className, rules: [{ host, http: { paths: [{ ...path, path: "/", pathType: "Prefix" }] } }] } } as KubernetesObject;
  }
  return undefined;
}

function ingressRouteSentinel(o: KubeObject, host: string): KubernetesObject | undefined {
  const spec = isRecord(o.spec) ? o.spec : {};
  const routes = Array.isArray(spec.routes) ? spec.routes : [];
  const route = routes.find((r) => isRecord(r) && Array.isArray(r.services) && r.services.length > 0);
  if (!isRecord(route)) return undefined;
  const entryPoints = Array.isArray(spec.entryPoints) ? { entryPoints: spec.entryPoints } : {};
  return { apiVersion: o.apiVersion, kind: "IngressRoute", metadata: metadataOf(o), spec: { ...entryPoints, routes: [{ kind: "Rule", match: `Host(\`${host}\`)`, services: route.services }] } } as KubernetesObject;
}
