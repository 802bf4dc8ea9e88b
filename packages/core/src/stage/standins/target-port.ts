/**
 * Where a Service port sends traffic when staging cannot compute it from workloads (assumed
 * backends, the plan without sides): its targetPort, resolved the way the endpoints controller
 * does it where possible, else the Service port itself, with a note.
 */
import type { Manifest, ManifestSet } from "../../model/manifest.js";
import { portEndpoints, selectedWorkloads, type ServicePortSpec } from "../../workloads/service-endpoints.js";

export { servicePorts, type ServicePortSpec } from "../../workloads/service-endpoints.js";

export interface ResolvedTargetPort {
  port: number;
  /** How it was found, when not simply the number written in the Service. */
  note?: string;
}

export function resolveTargetPort(service: Manifest, port: ServicePortSpec, set: ManifestSet): ResolvedTargetPort {
  const target = port.targetPort;
  if (target === undefined || target === "" || target === 0) return { port: port.port };
  if (typeof target === "number") return { port: target };
  if (/^\d+$/.test(target)) return { port: Number(target) };
  const what = `Service ${service.ref.namespace}/${service.ref.name} port ${port.name ?? port.port}`;
  const resolved = portEndpoints(port, selectedWorkloads(service, set));
  if (resolved.targetPort !== undefined && resolved.conflicts) {
    const detail = resolved.conflicts.map((c) => `${c.port} (${c.workloads.join(", ")})`).join(", ");
    return { port: resolved.targetPort, note: `${what}: targetPort ${target} is a different containerPort in the selected workloads: ${detail}; stand-in uses ${resolved.targetPort}` };
  }
  if (resolved.targetPort !== undefined) return { port: resolved.targetPort };
  return { port: port.port, note: `${what}: no workload of the manifests selected by the Service has a containerPort named ${target}; stand-in listens on the Service port ${port.port}` };
}
