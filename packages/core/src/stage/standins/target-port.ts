/**
 * Where a Service port sends traffic: its targetPort, resolved the way the endpoints controller
 * does it. A numeric targetPort is used as is; a named one is the containerPort of that name in
 * the pods the Service selects (here: the pod templates of the manifests' workloads whose labels
 * match the selector); no targetPort means the Service port itself.
 */
import type { Manifest, ManifestSet } from "../../model/manifest.js";
import { matchesServiceSelector } from "../../workloads/label-selector.js";
import { podTemplate } from "../../workloads/pod-template.js";

export interface ServicePortSpec {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
}

export interface ResolvedTargetPort {
  port: number;
  /** How it was found, when not simply the number written in the Service. */
  note?: string;
}

export function servicePorts(service: Manifest): ServicePortSpec[] {
  const spec = (service.object.spec ?? {}) as { ports?: ServicePortSpec[] };
  return Array.isArray(spec.ports) ? spec.ports.filter((p) => p && typeof p.port === "number") : [];
}

export function resolveTargetPort(service: Manifest, port: ServicePortSpec, set: ManifestSet): ResolvedTargetPort {
  const target = port.targetPort;
  if (target === undefined || target === "" || target === 0) return { port: port.port };
  if (typeof target === "number") return { port: target };
  if (/^\d+$/.test(target)) return { port: Number(target) };
  const what = `Service ${service.ref.namespace}/${service.ref.name} port ${port.name ?? port.port}`;
  const selector = (service.object.spec as { selector?: Record<string, string> } | undefined)?.selector;
  const found = new Map<number, string[]>();
  for (const m of set.manifests) {
    if (m.ref.namespace !== service.ref.namespace) continue;
    const template = podTemplate(m.object);
    if (!template || !matchesServiceSelector(selector, template.labels)) continue;
    for (const container of template.containers) {
      const p = (container.ports ?? []).find((cp) => cp.name === target);
      if (p && typeof p.containerPort === "number") found.set(p.containerPort, [...(found.get(p.containerPort) ?? []), `${m.ref.kind} ${m.ref.name}`]);
    }
  }
  const numbers = [...found.keys()];
  if (numbers.length === 1) return { port: numbers[0]! };
  if (numbers.length > 1) {
    const chosen = numbers[0]!;
    const detail = [...found.entries()].map(([n, ws]) => `${n} (${ws.join(", ")})`).join(", ");
    return { port: chosen, note: `${what}: targetPort ${target} is a different containerPort in the selected workloads: ${detail}; stand-in uses ${chosen}` };
  }
  return { port: port.port, note: `${what}: no workload of the manifests selected by the Service has a containerPort named ${target}; stand-in listens on the Service port ${port.port}` };
}
