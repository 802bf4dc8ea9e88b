import type { Manifest, ManifestSet } from "../../model/manifest.js";
import { describeRef } from "../../normalize/index.js";
import type { Route, RouteBackend } from "../../routes/index.js";
import { findIngressControllers, matchesServiceSelector, podTemplate, type ControllerFamily, type ControllerSelectorOption } from "../../workloads/index.js";
import { namespaceLabels } from "../shared/namespace-labels.js";

/** The ingress controller's pods as a traffic source. */
export interface Source {
  /** "Deployment traefik/traefik", or a note when the manifests hold no controller. */
  label: string;
  /** False when no controller is in head: assumed to run in a namespace of its own, labels unknown. */
  known: boolean;
  family?: ControllerFamily;
  namespace?: string;
  namespaceLabels: Record<string, string>;
  podLabels: Record<string, string>;
  /** Host-network pods reach backends from the node IP: selectors may not match them. */
  hostNetwork: boolean;
}

/** The port a backend pod receives route traffic on. */
export interface TargetPort {
  number?: number;
  /** Container port names for that port (NetworkPolicy may name ports). */
  names: string[];
}

/** Backend pods of a route (one workload, or the Service selector when no workload is in head). */
export interface Target {
  service: Manifest;
  workload?: Manifest;
  namespace: string;
  namespaceLabels: Record<string, string>;
  podLabels: Record<string, string>;
  /** undefined when the route's Service port cannot be resolved. */
  port?: TargetPort;
  servicePort?: number | string;
}

export const UNKNOWN_CONTROLLER: Source = {
  label: "(not in these manifests; assumed to run in a namespace of its own)",
  known: false,
  namespaceLabels: {},
  podLabels: {},
  hostNetwork: false,
};

export function controllerSources(set: ManifestSet, explicit: ControllerSelectorOption[]): Source[] {
  return findIngressControllers(set, explicit).map(({ manifest, family }) => {
    const namespace = manifest.ref.namespace ?? "default";
    const spec = (manifest.object.spec ?? {}) as { template?: { spec?: { hostNetwork?: boolean } } };
    return {
      label: describeRef(manifest.ref),
      known: true,
      family,
      namespace,
      namespaceLabels: namespaceLabels(set, namespace),
      podLabels: podTemplate(manifest.object)?.labels ?? {},
      hostNetwork: spec.template?.spec?.hostNetwork === true,
    };
  });
}

/** A Traefik IngressRoute is only served by Traefik; Ingress and HTTPRoute by any controller found. */
export function sourcesForRoute(route: Route, all: Source[]): Source[] {
  const fitting = route.source.group === "traefik.io" ? all.filter((s) => s.family === "traefik") : all;
  return fitting.length > 0 ? fitting : [UNKNOWN_CONTROLLER];
}

type ServicePort = { name?: string; port?: number; targetPort?: number | string; protocol?: string };
type ContainerPort = { name?: string; containerPort?: number };

/** Route backend -> Service -> selected workloads in head -> the pods and port traffic lands on. */
export function backendTargets(set: ManifestSet, backend: RouteBackend): Target[] {
  if (backend.kind !== "Service") return [];
  const service = set.byKey.get(`/Service/${backend.namespace}/${backend.name}`);
  const spec = (service?.object.spec ?? {}) as { selector?: Record<string, string>; type?: string; ports?: ServicePort[] };
  if (!service || spec.type === "ExternalName" || !spec.selector || Object.keys(spec.selector).length === 0) return [];
  const workloads = set.manifests.filter((m) => {
    if (m.ref.namespace !== backend.namespace) return false;
    const template = podTemplate(m.object);
    return !!template && matchesServiceSelector(spec.selector, template.labels);
  });
  const servicePort = pickServicePort(spec.ports ?? [], backend.port);
  if (servicePort?.protocol && servicePort.protocol !== "TCP") return [];
  const nsLabels = namespaceLabels(set, backend.namespace);
  const base = { service, namespace: backend.namespace, namespaceLabels: nsLabels, ...(backend.port !== undefined ? { servicePort: backend.port } : {}) };
  // Without a workload in head, the Service selector is the least the pods carry.
  if (workloads.length === 0) return [{ ...base, podLabels: { ...spec.selector }, ...portOf(servicePort, []) }];
  return workloads.map((workload) => {
    const template = podTemplate(workload.object)!;
    const containerPorts = template.containers.flatMap((c) => (c.ports ?? []) as ContainerPort[]);
    return { ...base, workload, podLabels: template.labels, ...portOf(servicePort, containerPorts) };
  });
}

function pickServicePort(ports: ServicePort[], wanted: number | string | undefined): ServicePort | undefined {
  if (typeof wanted === "number") return ports.find((p) => p.port === wanted);
  if (typeof wanted === "string") return ports.find((p) => p.name === wanted) ?? ports.find((p) => String(p.port) === wanted);
  return ports.length === 1 ? ports[0] : undefined;
}

function portOf(servicePort: ServicePort | undefined, containerPorts: ContainerPort[]): { port?: TargetPort } {
  if (!servicePort) return {};
  const target = servicePort.targetPort ?? servicePort.port;
  const number = typeof target === "number" ? target : /^\d+$/.test(String(target)) ? Number(target) : containerPorts.find((p) => p.name === target)?.containerPort;
  const names = typeof target === "string" && !/^\d+$/.test(target) ? [target] : containerPorts.filter((p) => p.containerPort === number && p.name).map((p) => p.name!);
  return { port: { ...(number !== undefined ? { number } : {}), names } };
}
