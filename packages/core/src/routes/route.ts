import type { Manifest } from "../model/manifest.js";

export type PathMatch = { type: "Prefix" | "Exact" | "Regex" | "ImplementationSpecific"; value: string };

export interface RouteBackend {
  /** "Service" for ordinary backends; Traefik's "TraefikService" and others are kept as named. */
  kind: string;
  namespace: string;
  name: string;
  /** Port number or port name as written; undefined when the route names none. */
  port?: number | string;
  /** Traefik ServersTransport the IngressRoute service names (`serversTransport`), as written. */
  serversTransport?: string;
}

/** A Gateway API parentRef of an HTTPRoute, defaults filled in (kind Gateway, the route's namespace). */
export interface RouteParent {
  kind: string;
  namespace: string;
  name: string;
  sectionName?: string;
}

export interface RouteTls {
  secretName?: string;
  /** Traefik ACME resolver name (`certResolver`, router.tls.certresolver annotation). */
  certResolver?: string;
  /** cert-manager issuer named by annotation: "Issuer/name" or "ClusterIssuer/name". */
  issuer?: string;
  options?: { name: string; namespace: string };
}

/** One host/path pair a controller serves, and where it should land. */
export interface Route {
  source: Manifest;
  /** Position inside the source object, for stable ids and messages. */
  index: number;
  entryPoints: string[];
  /** Empty means any host (unless hostRegexps restrict it). */
  hosts: string[];
  /** Traefik HostRegexp patterns (v3 regular expressions, or v2 `{name:regexp}` templates). */
  hostRegexps?: string[];
  path?: PathMatch;
  tls?: RouteTls;
  backends: RouteBackend[];
  /**
   * Traefik middlewares. `provider` is set when the reference names one (`@kubernetescrd`, `@file`);
   * for other providers `name` is the provider's own name and `namespace` is the route's.
   */
  middlewares: Array<{ name: string; namespace: string; provider?: string }>;
  /** Ingress class / Gateway parent that should serve this route, when named. */
  className?: string;
  /**
   * Gateway API: ports of the parent Gateways' listeners the route attaches to (Traefik serves
   * such a route on the entrypoints listening on those ports). Undefined for other sources.
   */
  listenerPorts?: number[];
  /** Gateway API: the parents the route asks to attach to. Undefined for other sources. */
  parents?: RouteParent[];
}
