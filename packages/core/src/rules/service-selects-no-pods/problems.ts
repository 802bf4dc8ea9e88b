/**
 * What is wrong with a Service's endpoints on one side, computed as Kubernetes computes them
 * (workloads/service-endpoints.ts): no pod template matches its selector, or a named targetPort
 * that no selected container declares. `key` identifies a problem across base and head.
 */
import type { Manifest, ManifestSet } from "../../model/manifest.js";
import { podTemplate, serviceEndpoints, serviceSelector, type ServiceEndpoints, type ServicePortSpec } from "../../workloads/index.js";

export interface EndpointProblem {
  key: string;
  /** The Service port without endpoints; undefined: the whole Service. */
  port?: ServicePortSpec;
  text: string;
}

/** undefined when nothing can be computed (no selector, ExternalName, no workload of the namespace in the change). */
export function endpointProblems(service: Manifest, set: ManifestSet, computable: ReadonlySet<string>): EndpointProblem[] | undefined {
  const endpoints = serviceEndpoints(service, set, computable);
  if (endpoints.origin !== "selector") return undefined;
  const selector = Object.entries(serviceSelector(service) ?? {}).map(([k, v]) => `${k}=${v}`).join(", ");
  if (endpoints.workloads.length === 0) {
    return [{ key: "selector", text: `selects no pods: no pod template in namespace ${service.ref.namespace} carries its selector ${selector}${nearMisses(service, set)}` }];
  }
  if (endpoints.scaledToZero.length === endpoints.workloads.length) {
    return [{ key: "selector", text: `selects only workloads scaled to zero (${endpoints.scaledToZero.join(", ")}; replicas: 0)` }];
  }
  return endpoints.ports
    .filter((p) => p.targetPort === undefined)
    .map((p) => ({
      key: `port:${p.spec.name ?? ""}:${p.spec.port}`,
      port: p.spec,
      text: `port ${p.spec.name ? `${p.spec.name} (${p.spec.port})` : p.spec.port} targets the container port named ${String(p.spec.targetPort)}, which no container of ${endpoints.workloads.join(", ")} declares${declared(endpoints, service, set)}`,
    }));
}

/** Workloads of the namespace whose labels share a key with the selector: where a typo usually hides. */
function nearMisses(service: Manifest, set: ManifestSet): string {
  const keys = Object.keys(serviceSelector(service) ?? {});
  const near = set.manifests.flatMap((m) => {
    const template = m.ref.namespace === service.ref.namespace ? podTemplate(m.object) : undefined;
    if (!template || !keys.some((k) => k in template.labels)) return [];
    return [`${m.ref.kind} ${m.ref.name} has ${keys.filter((k) => k in template.labels).map((k) => `${k}=${template.labels[k]}`).join(", ")}`];
  });
  return near.length ? ` (${near.slice(0, 3).join("; ")})` : "";
}

/** "(they declare: http 8080, metrics 9100)" for the port-name problems. */
function declared(endpoints: ServiceEndpoints, service: Manifest, set: ManifestSet): string {
  const names = new Set(endpoints.workloads);
  const ports = set.manifests
    .filter((m) => m.ref.namespace === service.ref.namespace && names.has(`${m.ref.kind} ${m.ref.name}`))
    .flatMap((m) => podTemplate(m.object)?.containers.flatMap((c) => (c.ports ?? []).map((p) => (p.name ? `${p.name} ${p.containerPort}` : `${p.containerPort}`))) ?? []);
  return ports.length ? ` (they declare: ${[...new Set(ports)].join(", ")})` : " (they declare no ports)";
}
