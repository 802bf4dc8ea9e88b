import type { ExplicitCheck } from "../config/config.js";
import type { ManifestSet } from "../model/manifest.js";
import { routeTable } from "../routes/route-table.js";
import type { Route } from "../routes/route.js";
import { sampleHost, sampleHostFromRegexp, samplePath } from "./sample-path.js";
import type { SmokeRouteId } from "./smoke-route.js";

/** Host used for routes that match any host: a reserved name nobody serves (RFC 2606). */
export const ANY_HOST = "any-host.kubegate.invalid";

export interface PlannedProbe extends SmokeRouteId {
  /** Set instead of a probe when the route cannot be probed generically. */
  skipped?: string;
  /** Where its certificate comes from: "namespace/secret", or an ACME resolver. */
  tlsSecret?: string;
  certResolver?: string;
  /** Explicit checks: request headers and what the answer must carry. */
  request?: { headers?: Record<string, string>; expectStatus?: number; expectHeaders?: Record<string, string> };
}

/** kubegate.yaml `checks:` as probes, with the same entrypoint choice as routes. */
export function planChecks(checks: readonly ExplicitCheck[], entrypoints: readonly string[], tlsEntrypoints: ReadonlySet<string>): PlannedProbe[] {
  return checks.map((c) => {
    const tls = c.tls ?? false;
    const entrypoint = c.entrypoint ?? entrypoints.find((e) => tlsEntrypoints.has(e) === tls);
    const [namespace, service] = c.service?.split("/") ?? [];
    const probe: PlannedProbe = {
      id: `check "${c.name}"`,
      source: { apiVersion: "kubegate.dev/v1", kind: "Check", name: c.name },
      file: "kubegate.yaml",
      host: c.host,
      path: c.path ?? "/",
      tls,
      entrypoint: entrypoint ?? "",
      ...(namespace && service ? { expected: { namespace, service } } : {}),
      request: { ...(c.headers ? { headers: c.headers } : {}), ...(c.status !== undefined ? { expectStatus: c.status } : {}), ...(c.responseHeaders ? { expectHeaders: c.responseHeaders } : {}) },
    };
    const known = entrypoint !== undefined && entrypoints.includes(entrypoint);
    return known ? probe : { ...probe, skipped: `entrypoint ${entrypoint ?? "(none)"} is not one the staged controller listens on (${entrypoints.join(", ")})` };
  });
}

/**
 * Turns the route table into one probe per host and path: which entrypoint to send it to (TLS
 * routes to the TLS entrypoint), which path to request, which Service must answer.
 */
export function planProbes(set: ManifestSet, entrypoints: readonly string[], tlsEntrypoints: ReadonlySet<string>, listenPorts: Readonly<Record<string, number>> = {}): PlannedProbe[] {
  const probes: PlannedProbe[] = [];
  for (const route of routeTable(set)) {
    const tls = route.tls !== undefined;
    const entrypoint = chooseEntrypoint(route, tls, entrypoints, tlsEntrypoints, listenPorts);
    const backend = route.backends.find((b) => b.kind === "Service");
    const hostPatterns = route.hosts.length === 0 ? (route.hostRegexps ?? []) : [];
    for (const host of route.hosts.length ? route.hosts : hostPatterns.length ? hostPatterns : [ANY_HOST]) {
      const path = requestPath(route);
      const base: PlannedProbe = {
        id: `${route.source.ref.kind} ${route.source.ref.namespace ?? ""}/${route.source.ref.name} ${host}${route.path?.value ?? "/"}${tls ? " (tls)" : ""}`,
        source: route.source.ref,
        file: route.source.source.file,
        line: route.source.source.line,
        host,
        path: path ?? route.path?.value ?? "/",
        tls,
        entrypoint: entrypoint ?? "",
        ...(route.tls?.secretName ? { tlsSecret: `${route.source.ref.namespace ?? "default"}/${route.tls.secretName}` } : {}),
        ...(route.tls?.certResolver ? { certResolver: route.tls.certResolver } : {}),
        ...(backend ? { expected: { namespace: backend.namespace, service: backend.name, ...(backend.port !== undefined ? { port: backend.port } : {}) } } : {}),
      };
      // A wildcard host or a HostRegexp is probed as one concrete name it matches (the certificate must cover that name).
      const pattern = hostPatterns.includes(host);
      const concrete = pattern ? sampleHostFromRegexp(host) : host.includes("*") ? sampleHost(host) : undefined;
      if (concrete) base.requestHost = concrete;
      const skipped = !entrypoint
        ? route.listenerPorts
          ? `no entrypoint of the controller listens on its Gateway listener port ${route.listenerPorts.join(", ")} (entrypoints: ${entrypoints.map((e) => `${e}=${listenPorts[e] ?? "?"}`).join(", ")})`
          : `no ${tls ? "TLS " : ""}entrypoint of the controller serves it`
        : path === undefined
          ? `regular-expression path ${route.path?.value ?? ""}: no request path could be derived from it; add an explicit check in kubegate.yaml`
          : pattern && !concrete
            ? `HostRegexp ${host}: no host name could be derived from it; add an explicit check in kubegate.yaml`
            : host.includes("*") && !concrete
              ? `wildcard host ${host}: add an explicit check in kubegate.yaml`
              : undefined;
      probes.push(skipped ? { ...base, skipped } : base);
    }
  }
  // The same host/path can come from two objects; each is probed (each can break on its own).
  return probes;
}

function chooseEntrypoint(route: Route, tls: boolean, entrypoints: readonly string[], tlsEntrypoints: ReadonlySet<string>, listenPorts: Readonly<Record<string, number>>): string | undefined {
  if (route.listenerPorts) {
    // Gateway API: Traefik serves a listener on the entrypoint with the listener's port.
    const listening = entrypoints.filter((e) => listenPorts[e] !== undefined && route.listenerPorts!.includes(listenPorts[e]!));
    return listening.find((e) => tlsEntrypoints.has(e) === tls) ?? listening[0];
  }
  const allowed = route.entryPoints.length ? entrypoints.filter((e) => route.entryPoints.includes(e)) : [...entrypoints];
  const wanted = allowed.filter((e) => tlsEntrypoints.has(e) === tls);
  // Traefik serves a route on every listed entrypoint; without a list, on every entrypoint.
  return wanted[0] ?? (route.entryPoints.length ? allowed[0] : undefined);
}

/** A request path that the route's matcher accepts, or undefined when none can be derived. */
function requestPath(route: Route): string | undefined {
  const p = route.path;
  if (!p) return "/";
  if (p.type === "Regex") return samplePath(p.value);
  return p.value.startsWith("/") ? p.value : `/${p.value}`;
}
