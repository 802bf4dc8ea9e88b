/**
 * A Service's endpoints as Kubernetes' endpoint controllers compute them, from the pod templates
 * of the workloads in the manifests: the selector (equality on every key) against the template
 * labels, in the Service's namespace; for each Service port, a numeric targetPort as written (the
 * controller never checks it against containers), a named one the containerPort of that name
 * and protocol in a selected pod (a pod without it is left out of that port), none = the port.
 *
 * When no workload of a namespace is in the change at all (a route-only repository), its pods
 * live elsewhere and nothing can be computed: the endpoints are "assumed".
 */
import type { Manifest, ManifestSet } from "../model/manifest.js";
import { matchesServiceSelector } from "./label-selector.js";
import { podTemplate, type PodTemplate } from "./pod-template.js";

export interface ServicePortSpec {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
}

export interface PortEndpoints {
  spec: ServicePortSpec;
  /** Container port the endpoints name; undefined when no selected pod has the named port. */
  targetPort?: number;
  /** When selected workloads disagree on the named port's number: each number and who has it. */
  conflicts?: Array<{ port: number; workloads: string[] }>;
}

export type EndpointsOrigin =
  /** Computed from the selector and the pod templates of the change. */
  | "selector"
  /** No selector: Endpoints/EndpointSlices are written by hand (or by another controller). */
  | "manual"
  /** ExternalName: a DNS alias, no endpoints. */
  | "external-name"
  /** No workload of the namespace is in the change: backends are assumed to exist. */
  | "assumed";

export interface ServiceEndpoints {
  origin: EndpointsOrigin;
  /** Workloads whose pods the selector picks ("Deployment shop"). */
  workloads: string[];
  /** One entry per Service port (empty for "manual"/"external-name"). */
  ports: PortEndpoints[];
  /** Workloads selected but running no pods (replicas: 0, nothing scales them). */
  scaledToZero: string[];
}

export function servicePorts(service: Manifest): ServicePortSpec[] {
  const spec = (service.object.spec ?? {}) as { ports?: ServicePortSpec[] };
  return Array.isArray(spec.ports) ? spec.ports.filter((p) => p && typeof p.port === "number") : [];
}

export function serviceSelector(service: Manifest): Record<string, string> | undefined {
  const selector = (service.object.spec as { selector?: Record<string, string> } | undefined)?.selector;
  return selector && typeof selector === "object" && Object.keys(selector).length > 0 ? selector : undefined;
}

/** Namespaces with at least one workload (pod template) on any of the sides: their endpoints can be computed. */
export function workloadNamespaces(...sets: ManifestSet[]): Set<string> {
  const namespaces = new Set<string>();
  for (const set of sets) for (const m of set.manifests) if (podTemplate(m.object)) namespaces.add(m.ref.namespace ?? "default");
  return namespaces;
}

export function serviceEndpoints(service: Manifest, set: ManifestSet, computable: ReadonlySet<string>): ServiceEndpoints {
  const none = { workloads: [], ports: [], scaledToZero: [] };
  const spec = (service.object.spec ?? {}) as { type?: string };
  if (spec.type === "ExternalName") return { origin: "external-name", ...none };
  const selector = serviceSelector(service);
  if (!selector) return { origin: "manual", ...none };
  if (!computable.has(service.ref.namespace ?? "default")) return { origin: "assumed", ...none, ports: servicePorts(service).map((p) => ({ spec: p, targetPort: numericTarget(p) ?? p.port })) };
  const selected = selectedWorkloads(service, set);
  const scaledToZero = selected.filter((w) => runsNoPods(w.manifest, set)).map((w) => workloadLabel(w.manifest));
  const running = selected.filter((w) => !runsNoPods(w.manifest, set));
  return { origin: "selector", workloads: selected.map((w) => workloadLabel(w.manifest)), scaledToZero, ports: servicePorts(service).map((p) => portEndpoints(p, running)) };
}

/** Whether a Service has endpoints on this port / at all, for messages and decisions. */
export function hasEndpoints(endpoints: ServiceEndpoints, port?: ServicePortSpec): boolean {
  if (endpoints.origin !== "selector") return true;
  if (endpoints.workloads.length === endpoints.scaledToZero.length) return false;
  if (!port) return endpoints.ports.length === 0 || endpoints.ports.some((p) => p.targetPort !== undefined);
  return endpoints.ports.some((p) => samePort(p.spec, port) && p.targetPort !== undefined);
}

export function samePort(a: ServicePortSpec, b: ServicePortSpec): boolean {
  return (a.name ?? "") === (b.name ?? "") && a.port === b.port;
}

export function workloadLabel(m: Manifest): string {
  return `${m.ref.kind} ${m.ref.name}`;
}

export interface SelectedWorkload {
  manifest: Manifest;
  template: PodTemplate;
}

/** Workloads of the Service's namespace whose pod template labels its selector matches. */
export function selectedWorkloads(service: Manifest, set: ManifestSet): SelectedWorkload[] {
  const selector = serviceSelector(service);
  if (!selector) return [];
  // Candidates carry the selector's first label pair; each is then checked against all of it.
  const [key, value] = Object.entries(selector)[0]!;
  const candidates = workloadIndex(set).get(`${service.ref.namespace ?? "default"}\0${key}=${value}`) ?? [];
  return candidates.filter((w) => matchesServiceSelector(selector, w.template.labels));
}

/**
 * Workloads by namespace and pod label pair, built once per set: every Service of a side asks,
 * and scanning every manifest for each of them is quadratic (10,000 Services took seconds).
 */
const indexes = new WeakMap<readonly Manifest[], { size: number; index: Map<string, SelectedWorkload[]> }>();
function workloadIndex(set: ManifestSet): Map<string, SelectedWorkload[]> {
  const cached = indexes.get(set.manifests);
  if (cached && cached.size === set.manifests.length) return cached.index;
  const index = new Map<string, SelectedWorkload[]>();
  for (const manifest of set.manifests) {
    const template = podTemplate(manifest.object);
    if (!template) continue;
    const namespace = manifest.ref.namespace ?? "default";
    for (const [k, v] of Object.entries(template.labels)) {
      const slot = `${namespace}\0${k}=${v}`;
      const list = index.get(slot);
      if (list) list.push({ manifest, template });
      else index.set(slot, [{ manifest, template }]);
    }
  }
  indexes.set(set.manifests, { size: set.manifests.length, index });
  return index;
}

/** The endpoints of one Service port given the workloads that run its pods. */
export function portEndpoints(spec: ServicePortSpec, running: readonly SelectedWorkload[]): PortEndpoints {
  const numeric = numericTarget(spec);
  if (numeric !== undefined || running.length === 0) return { spec, ...(running.length ? { targetPort: numeric } : {}) };
  const name = String(spec.targetPort);
  const protocol = (spec.protocol ?? "TCP").toUpperCase();
  const found = new Map<number, string[]>();
  for (const { manifest, template } of running) {
    for (const container of template.containers) {
      const p = (container.ports ?? []).find((cp) => cp.name === name && (cp.protocol ?? "TCP").toUpperCase() === protocol);
      if (p && typeof p.containerPort === "number") found.set(p.containerPort, [...(found.get(p.containerPort) ?? []), workloadLabel(manifest)]);
    }
  }
  const [first] = found.keys();
  if (first === undefined) return { spec };
  return { spec, targetPort: first, ...(found.size > 1 ? { conflicts: [...found].map(([port, workloads]) => ({ port, workloads })) } : {}) };
}

/** A numeric targetPort (or none: the Service port); undefined for a named one. */
function numericTarget(p: ServicePortSpec): number | undefined {
  const target = p.targetPort;
  if (target === undefined || target === "" || target === 0) return p.port;
  if (typeof target === "number") return target;
  return /^\d+$/.test(target) ? Number(target) : undefined;
}

/** replicas: 0 runs no pods, unless something that scales from zero (a KEDA ScaledObject) targets it. */
function runsNoPods(workload: Manifest, set: ManifestSet): boolean {
  const replicas = (workload.object.spec as { replicas?: unknown } | undefined)?.replicas;
  if (replicas !== 0) return false;
  return !set.manifests.some((m) => {
    if (m.ref.kind !== "ScaledObject" || m.ref.namespace !== workload.ref.namespace) return false;
    const target = (m.object.spec as { scaleTargetRef?: { name?: string; kind?: string } } | undefined)?.scaleTargetRef;
    return target?.name === workload.ref.name && (target.kind ?? "Deployment") === workload.ref.kind;
  });
}
