/**
 * Which ports of a routed Service have endpoints at base and at head, computed the way Kubernetes
 * computes them (workloads/service-endpoints.ts), before they are pointed at the Service's
 * stand-in. A Service whose selector matches no pod template, or whose named targetPort no
 * selected container has, gets no endpoints in staging either: the controller answers 503 and
 * the probe reports the route, as production would.
 */
import type { Manifest, ManifestSet } from "../../model/manifest.js";
import { resourceKey } from "../../normalize/index.js";
import { serviceEndpoints, servicePorts, serviceSelector, type ServiceEndpoints } from "../../workloads/service-endpoints.js";
import { resolveTargetPort } from "./target-port.js";

export type StagingSide = "base" | "head";

/** Both sides of the change, for a plan whose endpoints follow each side's workloads. */
export interface StagingSides {
  base: ManifestSet;
  head: ManifestSet;
  /** Namespaces with workloads in the change (either side): endpoints are computed there, assumed elsewhere. */
  computable: ReadonlySet<string>;
}

export interface SidePort {
  name: string;
  port: number;
  targetPort: number;
  protocol: "TCP" | "UDP" | "SCTP";
}

export interface SideServicePorts {
  /** Ports with endpoints per side; a side without the Service has no entry. */
  endpoints: Partial<Record<StagingSide, SidePort[]>>;
  /** Per-side findings for the notes: message -> sides. */
  notes: Map<string, StagingSide[]>;
  /** The Service's backends were assumed on some side (no workload of its namespace in the change). */
  assumed: boolean;
}

const SIDES: readonly StagingSide[] = ["base", "head"];

export function sideServicePorts(namespace: string, name: string, sides: StagingSides): SideServicePorts {
  const result: SideServicePorts = { endpoints: {}, notes: new Map(), assumed: false };
  const note = (side: StagingSide, message: string): void => void result.notes.set(message, [...(result.notes.get(message) ?? []), side]);
  for (const side of SIDES) {
    const set = sides[side];
    const service = set.byKey.get(resourceKey("", "Service", namespace, name));
    if (!service) continue;
    const computed = serviceEndpoints(service, set, sides.computable);
    if (computed.origin === "assumed") result.assumed = true;
    result.endpoints[side] = portsOf(service, computed, set, sides, (message) => note(side, message));
  }
  return result;
}

function portsOf(service: Manifest, computed: ServiceEndpoints, set: ManifestSet, sides: StagingSides, note: (message: string) => void): SidePort[] {
  const label = `Service ${service.ref.namespace}/${service.ref.name}`;
  if (computed.origin === "external-name") return [];
  if (computed.origin === "manual" && !manualEndpointsKept(service, set, sides)) {
    note(`${label} has no selector and the other side's hand-written Endpoints/EndpointSlices are gone: no endpoints`);
    return [];
  }
  if (computed.origin !== "selector") return servicePorts(service).map((p) => ({ ...portId(p), targetPort: resolveTargetPort(service, p, set).port }));
  const selector = Object.entries(serviceSelector(service) ?? {}).map(([k, v]) => `${k}=${v}`).join(",");
  if (computed.workloads.length === 0) {
    note(`${label} selects no pods (selector ${selector}; no pod template in namespace ${service.ref.namespace} carries those labels): no endpoints, as in the cluster`);
    return [];
  }
  if (computed.scaledToZero.length === computed.workloads.length) {
    note(`${label} selects only workloads scaled to zero (${computed.scaledToZero.join(", ")}): no endpoints`);
    return [];
  }
  const ports: SidePort[] = [];
  for (const p of computed.ports) {
    if (p.targetPort === undefined) {
      note(`${label} port ${p.spec.name ?? p.spec.port} targets the port named ${String(p.spec.targetPort)}, which no container of ${computed.workloads.join(", ")} declares: no endpoints for it`);
      continue;
    }
    if (p.conflicts) note(`${label} port ${p.spec.name ?? p.spec.port}: targetPort ${String(p.spec.targetPort)} is a different containerPort in the selected workloads: ${p.conflicts.map((c) => `${c.port} (${c.workloads.join(", ")})`).join(", ")}; stand-in uses ${p.targetPort}`);
    ports.push({ ...portId(p.spec), targetPort: p.targetPort });
  }
  return ports;
}

function portId(p: { name?: string; port: number; protocol?: string }): Omit<SidePort, "targetPort"> {
  return { name: p.name ?? "", port: p.port, protocol: (p.protocol ?? "TCP").toUpperCase() as SidePort["protocol"] };
}

/**
 * A selector-less Service keeps the Endpoints/EndpointSlices written for it: where a side ships
 * them, or where neither side does (another controller writes them; the stand-in answers).
 */
function manualEndpointsKept(service: Manifest, set: ManifestSet, sides: StagingSides): boolean {
  const ships = (s: ManifestSet): boolean =>
    s.manifests.some(
      (m) =>
        m.ref.namespace === service.ref.namespace &&
        ((m.ref.kind === "Endpoints" && m.group === "" && m.ref.name === service.ref.name) ||
          (m.ref.kind === "EndpointSlice" && m.object.metadata.labels?.["kubernetes.io/service-name"] === service.ref.name)),
    );
  return ships(set) || !SIDES.some((side) => ships(sides[side]));
}

/** "at base and head: ..." / "at head: ...", one line per finding. */
export function sideNotes(notes: ReadonlyMap<string, StagingSide[]>): string[] {
  return [...notes].map(([message, sides]) => `at ${[...new Set(sides)].join(" and ")}: ${message}`);
}
