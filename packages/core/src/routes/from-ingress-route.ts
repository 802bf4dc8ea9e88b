import type { Manifest } from "../model/manifest.js";
import type { Route, RouteTls } from "./route.js";
import { parseTraefikMatch } from "./traefik-match.js";

type Ref = { name?: string; namespace?: string; kind?: string; port?: number | string; serversTransport?: string };
type IngressRouteSpec = {
  entryPoints?: string[];
  routes?: Array<{ match?: string; kind?: string; services?: Ref[]; middlewares?: Ref[] }>;
  tls?: { secretName?: string; certResolver?: string; options?: Ref; domains?: Array<{ main?: string; sans?: string[] }> };
};

/** Schema-less CRDs (Traefik < 2.5) accept any shape: a map where a list belongs must not crash the table (incident 000). */
const list = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);

/** Routes of a Traefik IngressRoute (traefik.io or traefik.containo.us). */
export function routesFromIngressRoute(m: Manifest): Route[] {
  const spec = (m.object.spec ?? {}) as IngressRouteSpec;
  const namespace = m.ref.namespace ?? "default";
  const tls = spec.tls ? toTls(spec.tls, namespace) : undefined;
  return list(spec.routes).map((route, index) => {
    const r = route ?? {};
    const { hosts, path, hostRegexps } = parseTraefikMatch(typeof r.match === "string" ? r.match : "");
    return {
      source: m,
      index,
      entryPoints: list(spec.entryPoints),
      hosts,
      ...(hostRegexps.length ? { hostRegexps } : {}),
      ...(path ? { path } : {}),
      ...(tls ? { tls } : {}),
      backends: list(r.services).map((s) => ({
        kind: s.kind ?? "Service",
        namespace: s.namespace ?? namespace,
        name: s.name ?? "",
        ...(s.port !== undefined ? { port: s.port } : {}),
        ...(typeof s.serversTransport === "string" && s.serversTransport ? { serversTransport: s.serversTransport } : {}),
      })),
      middlewares: list(r.middlewares).map((mw) => ({ name: mw.name ?? "", namespace: mw.namespace ?? namespace })),
    };
  });
}

function toTls(tls: NonNullable<IngressRouteSpec["tls"]>, namespace: string): RouteTls {
  return {
    ...(tls.secretName ? { secretName: tls.secretName } : {}),
    ...(tls.certResolver ? { certResolver: tls.certResolver } : {}),
    ...(tls.options?.name ? { options: { name: tls.options.name, namespace: tls.options.namespace ?? namespace } } : {}),
  };
}
