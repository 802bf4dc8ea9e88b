import type { Manifest, ManifestSet } from "../model/manifest.js";
import type { Route, RouteBackend, RouteTls } from "./route.js";

type Backend = { service?: { name?: string; port?: { number?: number; name?: string } }; serviceName?: string; servicePort?: number | string; resource?: { kind?: string; name?: string } };
type IngressSpec = {
  ingressClassName?: string;
  defaultBackend?: Backend;
  backend?: Backend;
  tls?: Array<{ hosts?: string[]; secretName?: string }>;
  rules?: Array<{ host?: string; http?: { paths?: Array<{ path?: string; pathType?: string; backend?: Backend }> } }>;
};

/**
 * Routes of a networking.k8s.io/v1 or extensions/v1beta1 Ingress. `set` (the side the Ingress
 * belongs to) only helps split Traefik middleware ids into namespace and name.
 */
export function routesFromIngress(m: Manifest, set?: ManifestSet): Route[] {
  const spec = (m.object.spec ?? {}) as IngressSpec;
  const annotations = m.object.metadata.annotations ?? {};
  const namespace = m.ref.namespace ?? "default";
  const className = spec.ingressClassName ?? annotations["kubernetes.io/ingress.class"];
  const entryPoints = (annotations["traefik.ingress.kubernetes.io/router.entrypoints"] ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const middlewares = (annotations["traefik.ingress.kubernetes.io/router.middlewares"] ?? "").split(",").map((s) => s.trim()).filter(Boolean).map((ref) => traefikMiddlewareRef(ref, namespace, set));
  const routes: Route[] = [];
  const push = (host: string | undefined, path: string | undefined, pathType: string | undefined, backend: Backend | undefined): void => {
    const hosts = host ? [host] : [];
    routes.push({
      source: m,
      index: routes.length,
      entryPoints,
      hosts,
      ...(path !== undefined ? { path: { type: pathTypeOf(pathType), value: path } } : {}),
      ...tlsFor(host, spec, annotations),
      backends: backend ? [toBackend(backend, namespace)] : [],
      middlewares,
      ...(className ? { className } : {}),
    });
  };
  for (const rule of spec.rules ?? []) {
    const paths = rule.http?.paths ?? [];
    if (paths.length === 0) push(rule.host, undefined, undefined, spec.defaultBackend ?? spec.backend);
    for (const p of paths) push(rule.host, p.path ?? "/", p.pathType, p.backend);
  }
  const fallback = spec.defaultBackend ?? spec.backend;
  if (fallback && (spec.rules ?? []).length === 0) push(undefined, undefined, undefined, fallback);
  return routes;
}

function toBackend(b: Backend, namespace: string): RouteBackend {
  if (b.resource) return { kind: b.resource.kind ?? "Resource", namespace, name: b.resource.name ?? "" };
  const name = b.service?.name ?? b.serviceName ?? "";
  const port = b.service?.port?.number ?? b.service?.port?.name ?? b.servicePort;
  return { kind: "Service", namespace, name, ...(port !== undefined ? { port } : {}) };
}

function pathTypeOf(t: string | undefined): "Prefix" | "Exact" | "ImplementationSpecific" {
  return t === "Exact" ? "Exact" : t === "Prefix" ? "Prefix" : "ImplementationSpecific";
}

function tlsFor(host: string | undefined, spec: IngressSpec, annotations: Record<string, string>): { tls?: RouteTls } {
  const entry = (spec.tls ?? []).find((t) => (t.hosts ?? []).length === 0 || (host !== undefined && (t.hosts ?? []).some((h) => hostCovers(h, host))));
  const certResolver = annotations["traefik.ingress.kubernetes.io/router.tls.certresolver"];
  const issuer = annotations["cert-manager.io/cluster-issuer"] ? `ClusterIssuer/${annotations["cert-manager.io/cluster-issuer"]}` : annotations["cert-manager.io/issuer"] ? `Issuer/${annotations["cert-manager.io/issuer"]}` : undefined;
  const tlsOn = entry !== undefined || certResolver !== undefined || annotations["traefik.ingress.kubernetes.io/router.tls"] === "true";
  if (!tlsOn) return {};
  return { tls: { ...(entry?.secretName ? { secretName: entry.secretName } : {}), ...(certResolver ? { certResolver } : {}), ...(issuer ? { issuer } : {}) } };
}

/**
 * `traefik.ingress.kubernetes.io/router.middlewares` names `<namespace>-<name>@<provider>`. Only the
 * kubernetescrd provider uses the `<namespace>-<name>` form; other providers (`auth@file`) keep the
 * bare name. Namespaces and names may both hold "-", so see `splitCrdId`.
 */
function traefikMiddlewareRef(ref: string, namespace: string, set: ManifestSet | undefined): { name: string; namespace: string; provider?: string } {
  const at = ref.lastIndexOf("@");
  const id = at < 0 ? ref : ref.slice(0, at);
  const provider = at < 0 ? undefined : ref.slice(at + 1);
  if (provider !== undefined && provider !== "kubernetescrd") return { name: id, namespace, provider };
  return { ...splitCrdId(id, namespace, set), ...(provider ? { provider } : {}) };
}

/**
 * Splits a kubernetescrd id `<namespace>-<name>`: a Middleware of the set with that id first, then
 * the Ingress's own namespace, then the longest namespace the set uses, then the first "-".
 */
function splitCrdId(id: string, namespace: string, set: ManifestSet | undefined): { name: string; namespace: string } {
  const defined = set?.manifests.find((m) => m.ref.kind === "Middleware" && m.group === "traefik.io" && `${m.ref.namespace}-${m.ref.name}` === id);
  if (defined) return { name: defined.ref.name, namespace: defined.ref.namespace ?? namespace };
  const known = new Set<string>([namespace]);
  for (const m of set?.manifests ?? []) {
    if (m.ref.namespace) known.add(m.ref.namespace);
    if (m.ref.kind === "Namespace" && m.group === "") known.add(m.ref.name);
  }
  const candidates = [namespace, ...[...known].sort((a, b) => b.length - a.length)];
  const ns = candidates.find((n) => id.startsWith(`${n}-`) && id.length > n.length + 1);
  if (ns !== undefined) return { name: id.slice(ns.length + 1), namespace: ns };
  const dash = id.indexOf("-");
  return dash > 0 ? { name: id.slice(dash + 1), namespace: id.slice(0, dash) } : { name: id, namespace };
}

export function hostCovers(pattern: string, host: string): boolean {
  if (pattern === host) return true;
  if (pattern.startsWith("*.")) return host.endsWith(pattern.slice(1)) && !host.slice(0, -pattern.length + 1).includes(".");
  return false;
}
