import type { ManifestSet } from "../model/manifest.js";
import { routesFromHttpRoute } from "./from-http-route.js";
import { routesFromIngress } from "./from-ingress.js";
import { routesFromIngressRoute } from "./from-ingress-route.js";
import type { Route } from "./route.js";

const tables = new WeakMap<ManifestSet, readonly Route[]>();

/**
 * Every route the manifests declare, across Ingress, Traefik IngressRoute and Gateway API HTTPRoute.
 * Computed once per set (a dozen rules ask, on sets of thousands of objects); a copy is returned.
 */
export function routeTable(set: ManifestSet): Route[] {
  let table = tables.get(set);
  if (!table) tables.set(set, (table = buildRouteTable(set)));
  return [...table];
}

function buildRouteTable(set: ManifestSet): Route[] {
  return set.manifests.flatMap((m) => {
    if (m.ref.kind === "Ingress" && m.group === "networking.k8s.io") return routesFromIngress(m, set);
    if (m.ref.kind === "IngressRoute" && m.group === "traefik.io") return routesFromIngressRoute(m);
    if (m.ref.kind === "HTTPRoute" && m.group === "gateway.networking.k8s.io") return routesFromHttpRoute(m, set);
    return [];
  });
}

/** A readable, stable id: "Ingress shop/web#0 shop.example.com/api". */
export function routeLabel(route: Route): string {
  const host = route.hosts.join(",") || "*";
  return `${route.source.ref.kind} ${route.source.ref.namespace}/${route.source.ref.name}#${route.index} ${host}${route.path?.value ?? ""}`;
}
