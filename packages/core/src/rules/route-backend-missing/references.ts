import type { ManifestSet } from "../../model/manifest.js";
import { resourceKey } from "../../normalize/index.js";
import type { Route, RouteBackend, RouteParent } from "../../routes/index.js";

/** One reference of a route that does not resolve. `key` identifies it across base and head. */
export interface Problem {
  key: string;
  text: string;
  /**
   * What happens to traffic, for the message; "unchecked" when the repository ships nothing of the
   * kind referenced (it lives in another repository or chart), so existence cannot be checked here.
   */
  effect: "backend" | "router" | "tls" | "unattached" | "unchecked";
  /** The identity of the missing object (resourceKey), when it is one object. */
  missing?: string;
}

const TRAEFIK = "traefik.io";
const GATEWAY = "gateway.networking.k8s.io";
const CERT_MANAGER = "cert-manager.io";
const KINDS = {
  Service: "/Service",
  TraefikService: `${TRAEFIK}/TraefikService`,
  Middleware: `${TRAEFIK}/Middleware`,
  TLSOption: `${TRAEFIK}/TLSOption`,
  ServersTransport: `${TRAEFIK}/ServersTransport`,
  Gateway: `${GATEWAY}/Gateway`,
} as const;
/** Kinds that make a TLS Secret exist: the Secret itself, or what creates it. */
const SECRET_SOURCES = ["/Secret", `${CERT_MANAGER}/Certificate`, "bitnami.com/SealedSecret", "external-secrets.io/ExternalSecret"];

/**
 * Kinds the repository ships (on either side). A kind it never ships lives elsewhere (another
 * repo, the controller's chart): references to it cannot be checked, and say so ("unchecked").
 */
export function shippedKinds(...sets: ManifestSet[]): Set<string> {
  const kinds = new Set<string>();
  for (const set of sets) for (const m of set.manifests) kinds.add(`${m.group}/${m.ref.kind}`);
  return kinds;
}

/** Every reference of `route` that does not resolve in `set`, or that cannot be checked here. */
export function routeProblems(route: Route, set: ManifestSet, shipped: Set<string>): Problem[] {
  const problems: Problem[] = [];
  for (const backend of route.backends) {
    if (backend.kind === "Service") problems.push(...(shipped.has(KINDS.Service) ? serviceProblems(backend, set) : unchecked("Service", backend.namespace, backend.name)));
    if (backend.kind === "TraefikService") problems.push(...traefikRef(set, shipped, "TraefikService", backend.name, backend.namespace, "backend", ""));
    if (backend.serversTransport) problems.push(...traefikRef(set, shipped, "ServersTransport", backend.serversTransport, backend.namespace, "backend", " (serversTransport)"));
  }
  for (const mw of route.middlewares) {
    if (mw.provider !== undefined && mw.provider !== "kubernetescrd") continue;
    problems.push(...traefikRef(set, shipped, "Middleware", mw.name, mw.namespace, "router", ""));
  }
  const options = route.tls?.options;
  // Traefik always has TLS options called "default", defined or not.
  if (options && options.name !== "default") problems.push(...traefikRef(set, shipped, "TLSOption", options.name, options.namespace, "router", " (tls.options)"));
  problems.push(...tlsProblems(route, set, shipped));
  for (const parent of route.parents ?? []) problems.push(...parentProblems(parent, set, shipped));
  return problems;
}

function unchecked(kind: string, namespace: string | undefined, name: unknown): Problem[] {
  if (typeof name !== "string" || name === "") return [];
  const label = namespace ? `${namespace}/${name}` : name;
  return [{ key: `unchecked/${kind}/${label}`, text: `${kind} ${label} is not in this repository, which ships no ${kind} at all, so kubegate cannot check that it exists`, effect: "unchecked" }];
}

/** A Traefik CRD reference (`<namespace>-<name>` ids, `name@kubernetescrd` written in full). */
function traefikRef(set: ManifestSet, shipped: Set<string>, kind: "TraefikService" | "Middleware" | "TLSOption" | "ServersTransport", name: string, namespace: string, effect: Problem["effect"], field: string): Problem[] {
  const id = crdId(name, namespace);
  if (!id) return [];
  if (!shipped.has(KINDS[kind])) return [{ key: `unchecked/${kind}/${id.id}`, text: `${kind} ${id.label}${field} is not in this repository, which ships no ${kind} at all, so kubegate cannot check that it exists`, effect: "unchecked" }];
  if (crdIds(set, kind).has(id.id)) return [];
  const traefikId = kind === "Middleware" ? ` (Traefik id ${id.id}@kubernetescrd)` : "";
  return [{ key: `${kind}/${id.id}`, text: `${kind} ${id.label}${traefikId}${field} does not exist`, effect }];
}

/**
 * TLS of an Ingress or IngressRoute: the issuer an annotation names must exist; the Secret it names
 * should exist or be made by something the change ships (a cert-manager Certificate, a SealedSecret,
 * an ExternalSecret, or cert-manager's ingress-shim for an Ingress with an issuer annotation), else
 * it is named as unchecked. Gateway listeners' certificates belong to the Gateway (tls-coverage-lost).
 */
function tlsProblems(route: Route, set: ManifestSet, shipped: Set<string>): Problem[] {
  const tls = route.tls;
  if (!tls || route.source.ref.kind === "HTTPRoute") return [];
  const namespace = route.source.ref.namespace ?? "default";
  const problems: Problem[] = [];
  if (tls.issuer) {
    const [kind, name] = tls.issuer.split("/", 2) as [string, string];
    const key = resourceKey(CERT_MANAGER, kind, kind === "Issuer" ? namespace : undefined, name);
    const label = kind === "Issuer" ? `${namespace}/${name}` : name;
    if (!shipped.has(`${CERT_MANAGER}/${kind}`)) problems.push(...unchecked(kind, kind === "Issuer" ? namespace : undefined, name));
    else if (!set.byKey.has(key)) problems.push({ key: `${kind}/${label}`, text: `${kind} ${label} (cert-manager annotation) does not exist, so no certificate is issued`, effect: "tls", missing: key });
  }
  // Secrets are often made outside any repository (Vault, a CI job, by hand) even where some are in
  // it: one the change does not make is named as unchecked, never as missing.
  const secret = tls.secretName;
  if (typeof secret === "string" && secret !== "" && !tls.issuer) {
    if (!SECRET_SOURCES.some((k) => shipped.has(k))) problems.push(...unchecked("Secret", namespace, secret));
    else if (!secretProvided(set, namespace, secret)) {
      problems.push({ key: `unchecked/Secret/${namespace}/${secret}`, text: `TLS Secret ${namespace}/${secret} is not in the change and nothing in it creates it (no Certificate, SealedSecret or ExternalSecret of that name), so kubegate cannot check that it exists; without it the controller serves its default certificate for these hosts`, effect: "unchecked" });
    }
  }
  return problems;
}

function secretProvided(set: ManifestSet, namespace: string, name: string): boolean {
  if (set.byKey.has(resourceKey("", "Secret", namespace, name))) return true;
  return set.manifests.some((m) => {
    if (m.ref.namespace !== namespace) return false;
    const spec = (m.object.spec ?? {}) as { secretName?: unknown; target?: { name?: unknown } };
    if (m.group === CERT_MANAGER && m.ref.kind === "Certificate") return spec.secretName === name;
    if (m.group === "bitnami.com" && m.ref.kind === "SealedSecret") return m.ref.name === name;
    if (m.group === "external-secrets.io" && m.ref.kind === "ExternalSecret") return (typeof spec.target?.name === "string" ? spec.target.name : m.ref.name) === name;
    return false;
  });
}

/** An HTTPRoute's parent Gateway must exist, and the listener its sectionName names. */
function parentProblems(parent: RouteParent, set: ManifestSet, shipped: Set<string>): Problem[] {
  if (parent.kind !== "Gateway") return [];
  if (!shipped.has(KINDS.Gateway)) return unchecked("Gateway", parent.namespace, parent.name);
  const label = `${parent.namespace}/${parent.name}`;
  const key = resourceKey(GATEWAY, "Gateway", parent.namespace, parent.name);
  const gateway = set.byKey.get(key);
  if (!gateway) return [{ key: `Gateway/${label}`, text: `parent Gateway ${label} does not exist`, effect: "unattached", missing: key }];
  if (!parent.sectionName) return [];
  const listeners = ((gateway.object.spec ?? {}) as { listeners?: Array<{ name?: unknown }> }).listeners;
  const names = Array.isArray(listeners) ? listeners.map((l) => l?.name).filter((n): n is string => typeof n === "string") : [];
  if (names.includes(parent.sectionName)) return [];
  return [{ key: `Gateway/${label}#${parent.sectionName}`, text: `parent Gateway ${label} has no listener named ${parent.sectionName} (its listeners: ${names.join(", ") || "none"})`, effect: "unattached" }];
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
