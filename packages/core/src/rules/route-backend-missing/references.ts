import type { ManifestSet } from "../../model/manifest.js";
import { resourceKey } from "../../normalize/index.js";
import type { Route, RouteBackend } from "../../routes/index.js";

/** One reference of a route that does not resolve. `key` identifies it across base and head. */
export interface Problem {
  key: string;
  text: string;
  /** What happens to traffic, for the message. */
  effect: "backend" | "router";
}

const TRAEFIK = "traefik.io";
const KINDS = { Service: "/Service", TraefikService: `${TRAEFIK}/TraefikService`, Middleware: `${TRAEFIK}/Middleware`, TLSOption: `${TRAEFIK}/TLSOption` } as const;

/**
 * Kinds the repository ships (on either side). A kind it never ships lives elsewhere (another
 * repo, the controller's chart), so references to it cannot be checked and are skipped.
 */
export function shippedKinds(...sets: ManifestSet[]): Set<string> {
  const kinds = new Set<string>();
  for (const set of sets) for (const m of set.manifests) kinds.add(`${m.group}/${m.ref.kind}`);
  return kinds;
}

/** Every reference of `route` that does not resolve in `set`. */
export function routeProblems(route: Route, set: ManifestSet, shipped: Set<string>): Problem[] {
  const problems: Problem[] = [];
  for (const backend of route.backends) {
    if (backend.kind === "Service" && shipped.has(KINDS.Service)) problems.push(...serviceProblems(backend, set));
    if (backend.kind === "TraefikService" && shipped.has(KINDS.TraefikService)) {
      const id = crdId(backend.name, backend.namespace);
      if (id && !crdIds(set, "TraefikService").has(id.id)) problems.push({ key: `TraefikService/${id.id}`, text: `TraefikService ${id.label} does not exist`, effect: "backend" });
    }
  }
  if (shipped.has(KINDS.Middleware)) {
    const defined = crdIds(set, "Middleware");
    for (const mw of route.middlewares) {
      if (mw.provider !== undefined && mw.provider !== "kubernetescrd") continue;
      const id = crdId(mw.name, mw.namespace);
      if (id && !defined.has(id.id)) problems.push({ key: `Middleware/${id.id}`, text: `Middleware ${id.label} (Traefik id ${id.id}@kubernetescrd) does not exist`, effect: "router" });
    }
  }
  const options = route.tls?.options;
  // Traefik always has TLS options called "default", defined or not.
  if (options && options.name !== "default" && shipped.has(KINDS.TLSOption)) {
    const id = crdId(options.name, options.namespace);
    if (id && !crdIds(set, "TLSOption").has(id.id)) problems.push({ key: `TLSOption/${id.id}`, text: `TLSOption ${id.label} (tls.options) does not exist`, effect: "router" });
  }
  return problems;
}

function serviceProblems(backend: RouteBackend, set: ManifestSet): Problem[] {
  if (typeof backend.name !== "string" || backend.name === "") return [];
  const label = `${backend.namespace}/${backend.name}`;
  const service = set.byKey.get(resourceKey("", "Service", backend.namespace, backend.name));
  if (!service) return [{ key: `Service/${label}`, text: `Service ${label} does not exist`, effect: "backend" }];
  const spec = (service.object.spec ?? {}) as { type?: string; ports?: Array<{ port?: number; name?: string }> };
  // An ExternalName Service has no endpoints of its own: controllers use the port the route names.
  if (backend.port === undefined || spec.type === "ExternalName") return [];
  const ports = spec.ports ?? [];
  const wanted = backend.port;
  const number = typeof wanted === "number" ? wanted : /^\d+$/.test(wanted) ? Number(wanted) : undefined;
  const found = number !== undefined ? ports.some((p) => p.port === number) : ports.some((p) => p.name === wanted);
  if (found) return [];
  const has = ports.length ? ports.map((p) => (p.name ? `${p.port} "${p.name}"` : `${p.port}`)).join(", ") : "none";
  const what = number !== undefined ? `port ${number}` : `port named "${wanted}"`;
  return [{ key: `Service/${label}:${wanted}`, text: `Service ${label} has no ${what} (its ports: ${has})`, effect: "backend" }];
}

/**
 * Traefik's kubernetescrd ids are `<namespace>-<name>`; a name written as `<id>@<provider>` is
 * taken as a full id. Other providers (`api@internal`, `auth@file`) are not in the manifests.
 */
function crdId(name: string, namespace: string): { id: string; label: string } | undefined {
  // A reference without a name is malformed, which schema rules report.
  if (typeof name !== "string" || name === "") return undefined;
  const at = name.lastIndexOf("@");
  if (at < 0) return { id: `${namespace}-${name}`, label: `${namespace}/${name}` };
  if (name.slice(at + 1) !== "kubernetescrd") return undefined;
  return { id: name.slice(0, at), label: name };
}

const idCache = new WeakMap<ManifestSet, Map<string, Set<string>>>();

/** Traefik ids of one kind in a set, computed once per set: a big repo has many routes. */
function crdIds(set: ManifestSet, kind: string): Set<string> {
  let byKind = idCache.get(set);
  if (!byKind) idCache.set(set, (byKind = new Map()));
  let ids = byKind.get(kind);
  if (!ids) byKind.set(kind, (ids = new Set(set.manifests.filter((m) => m.group === TRAEFIK && m.ref.kind === kind).map((m) => `${m.ref.namespace}-${m.ref.name}`))));
  return ids;
}
