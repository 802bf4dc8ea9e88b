/**
 * Stand-in backends: staging runs no pods, so every Service a route names gets an address on the
 * sandbox's stand-in link and an echo listener per target port, and EndpointSlices (plus
 * Endpoints, for controllers that still read those) that point the Service at them. The users'
 * Services themselves are applied unchanged.
 */
import type { KubeObject } from "../../model/kube-object.js";
import type { Manifest, ManifestSet } from "../../model/manifest.js";
import { routeTable } from "../../routes/route-table.js";
import type { Route } from "../../routes/route.js";
import type { EchoListener } from "./echo-protocol.js";
import { resolveTargetPort, servicePorts } from "./target-port.js";
import { sideNotes, sideServicePorts, type StagingSide, type StagingSides } from "./side-endpoints.js";

export const STANDIN_MANAGED_BY = "kubegate.dev";

export interface StandinPort {
  /** The Service port's name ("" when it has none): EndpointSlice ports must carry the same name. */
  name: string;
  /** The Service port. */
  port: number;
  /** What the endpoints say (resolved targetPort): where the stand-in listens. */
  targetPort: number;
  protocol: "TCP" | "UDP" | "SCTP";
}

export interface StandinService {
  namespace: string;
  name: string;
  /** Stand-in address inside the sandbox (198.18.x.y). */
  address: string;
  /** Every (Service port, target port) either side's endpoints name: where the stand-in listens. */
  ports: StandinPort[];
  /** With sides: the ports that have endpoints at base and at head (absent: the Service is not on that side). */
  endpoints?: Partial<Record<StagingSide, StandinPort[]>>;
}

/** One echo listener per (Service, target port). */
export type StandinListener = EchoListener;

export interface StandinPlan {
  services: StandinService[];
  listeners: StandinListener[];
  /** Services routes name that get no stand-in, target ports that needed guessing... */
  notes: string[];
}

/** 198.18.1.1, 198.18.1.2, ... 198.18.1.254, 198.18.2.1, ...: never 198.18.0.x (198.18.0.1 is the API server). */
export function standinAddress(index: number): string {
  const perBlock = 254;
  const block = 1 + Math.floor(index / perBlock); // 1..
  const host = 1 + (index % perBlock);
  if (block <= 255) return `198.18.${block}.${host}`;
  const high = block - 256;
  if (high > 255) throw new Error(`too many stand-in services (${index + 1})`);
  return `198.19.${high}.${host}`;
}

type Ref = { name?: string; namespace?: string; kind?: string };

/** "namespace/name" of every Service the routes send traffic to (through TraefikServices and errors middlewares too). */
export function routedServices(set: ManifestSet, routes: readonly Route[]): { services: string[]; notes: string[] } {
  const services = new Set<string>();
  const notes: string[] = [];
  const seenTraefikServices = new Set<string>();
  const find = (kinds: string[], namespace: string, name: string): Manifest | undefined =>
    set.manifests.find((m) => kinds.includes(m.ref.kind) && (m.group === "traefik.io" || m.group === "traefik.containo.us") && m.ref.namespace === namespace && m.ref.name === name);
  const addRef = (ref: Ref, namespace: string): void => {
    const ns = ref.namespace ?? namespace;
    const name = ref.name ?? "";
    if (!name) return;
    const kind = ref.kind ?? "Service";
    if (kind === "Service") {
      services.add(`${ns}/${name}`);
      return;
    }
    if (kind !== "TraefikService") return;
    const key = `${ns}/${name}`;
    if (seenTraefikServices.has(key)) return;
    seenTraefikServices.add(key);
    const ts = find(["TraefikService"], ns, name);
    const spec = (ts?.object.spec ?? {}) as { weighted?: { services?: Ref[] }; mirroring?: Ref & { mirrors?: Ref[] } };
    for (const s of Array.isArray(spec.weighted?.services) ? spec.weighted.services : []) addRef(s, ns);
    if (spec.mirroring) {
      addRef(spec.mirroring, ns);
      for (const s of Array.isArray(spec.mirroring.mirrors) ? spec.mirroring.mirrors : []) addRef(s, ns);
    }
  };
  for (const route of routes) {
    const namespace = route.source.ref.namespace ?? "default";
    for (const backend of route.backends) addRef(backend, namespace);
    for (const mw of route.middlewares) {
      if (mw.provider !== undefined && mw.provider !== "kubernetescrd") continue;
      const middleware = find(["Middleware"], mw.namespace, mw.name);
      const errorsService = (middleware?.object.spec as { errors?: { service?: Ref } } | undefined)?.errors?.service;
      if (errorsService) addRef(errorsService, mw.namespace);
    }
  }
  return { services: [...services].sort(), notes };
}

/**
 * Stand-ins for the Services the routes (default: the manifests' route table) name, and for
 * `alsoServices` ("namespace/name": Services whose pods terminate TLS, probed directly). With
 * `sides`, each side's endpoints are those Kubernetes would compute from that side's workloads.
 */
export function planStandins(set: ManifestSet, routes: readonly Route[] = routeTable(set), sides?: StagingSides, alsoServices: readonly string[] = []): StandinPlan {
  const routed = routedServices(set, routes);
  const notes = routed.notes;
  const names = [...new Set([...routed.services, ...alsoServices])].sort();
  const assumed = new Set<string>();
  const services: StandinService[] = [];
  const listeners: StandinListener[] = [];
  for (const key of names) {
    const [namespace, name] = key.split("/") as [string, string];
    const service = set.manifests.find((m) => m.group === "" && m.ref.kind === "Service" && m.ref.namespace === namespace && m.ref.name === name);
    if (!service) {
      notes.push(`Service ${key} is named by a route but not defined in the manifests: no stand-in`);
      continue;
    }
    const spec = (service.object.spec ?? {}) as { type?: string };
    if (spec.type === "ExternalName") {
      notes.push(`Service ${key} is an ExternalName Service: no stand-in (the controller resolves its external name, which staging cannot reach)`);
      continue;
    }
    if (servicePorts(service).length === 0) {
      notes.push(`Service ${key} has no ports: no stand-in`);
      continue;
    }
    const { ports, endpoints } = sides ? sidePlan(namespace, name, sides, notes, assumed) : { ports: assumedPorts(service, set, notes), endpoints: undefined };
    const address = standinAddress(services.length);
    services.push({ namespace, name, address, ports, ...(endpoints ? { endpoints } : {}) });
    const seen = new Set<number>();
    for (const p of ports) {
      if (p.protocol !== "TCP") {
        notes.push(`Service ${key} port ${p.name || p.port} is ${p.protocol}: endpoints are written but no echo listener answers`);
        continue;
      }
      if (seen.has(p.targetPort)) continue;
      seen.add(p.targetPort);
      listeners.push({ address, port: p.targetPort, namespace, service: name });
    }
  }
  if (assumed.size > 0) notes.push(`backends assumed in namespace ${[...assumed].sort().join(", ")}: no workload of the change runs there, so the endpoints of its Services cannot be computed; stand-ins answer on every port as if their pods existed`);
  return { services, listeners, notes };
}

/** Endpoints per side (Kubernetes' computation) and the union of their ports for the listeners. */
function sidePlan(namespace: string, name: string, sides: StagingSides, notes: string[], assumed: Set<string>): Pick<StandinService, "ports" | "endpoints"> {
  const planned = sideServicePorts(namespace, name, sides);
  notes.push(...sideNotes(planned.notes));
  if (planned.assumed) assumed.add(namespace);
  const ports = new Map<string, StandinPort>();
  for (const p of [...(planned.endpoints.base ?? []), ...(planned.endpoints.head ?? [])]) ports.set(JSON.stringify(p), p);
  return { ports: [...ports.values()], endpoints: planned.endpoints };
}

/** Without sides: every port stands in, named targetPorts resolved where the manifests allow. */
function assumedPorts(service: Manifest, set: ManifestSet, notes: string[]): StandinPort[] {
  return servicePorts(service).map((p) => {
    const resolved = resolveTargetPort(service, p, set);
    if (resolved.note) notes.push(resolved.note);
    const protocol = (p.protocol ?? "TCP").toUpperCase() as StandinPort["protocol"];
    return { name: p.name ?? "", port: p.port, targetPort: resolved.port, protocol };
  });
}

/**
 * EndpointSlices (discovery.k8s.io/v1) and Endpoints (v1) that point each Service at its stand-in;
 * with a side, only that side's Services, each with the ports that have endpoints there (none:
 * empty objects, which replace the other side's when applied).
 */
export function endpointObjects(plan: StandinPlan, side?: StagingSide): KubeObject[] {
  const objects: KubeObject[] = [];
  for (const planned of plan.services) {
    const ports = side && planned.endpoints ? planned.endpoints[side] : planned.ports;
    if (!ports) continue;
    const s = { ...planned, ports };
    const any = ports.length > 0;
    const named = (p: StandinPort): { name?: string } => (p.name ? { name: p.name } : {});
    objects.push({
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: {
        name: `${s.name}-kubegate`,
        namespace: s.namespace,
        labels: { "kubernetes.io/service-name": s.name, "endpointslice.kubernetes.io/managed-by": STANDIN_MANAGED_BY },
      },
      addressType: "IPv4",
      endpoints: any ? [{ addresses: [s.address], conditions: { ready: true, serving: true, terminating: false } }] : [],
      // Always a name, "" for an unnamed Service port: controllers match slice ports to Service
      // ports by name, and Traefik treats a missing name as no match.
      ports: s.ports.map((p) => ({ name: p.name, port: p.targetPort, protocol: p.protocol })),
    });
    objects.push({
      apiVersion: "v1",
      kind: "Endpoints",
      metadata: { name: s.name, namespace: s.namespace, labels: { "app.kubernetes.io/managed-by": STANDIN_MANAGED_BY } },
      subsets: any ? [{ addresses: [{ ip: s.address }], ports: s.ports.map((p) => ({ ...named(p), port: p.targetPort, protocol: p.protocol })) }] : [],
    });
  }
  return objects;
}
