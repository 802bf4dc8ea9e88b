import type { Manifest, ManifestSet } from "../model/manifest.js";
import type { PathMatch, Route, RouteTls } from "./route.js";

type ParentRef = { name?: string; namespace?: string; kind?: string; sectionName?: string };
type HttpRouteSpec = {
  parentRefs?: ParentRef[];
  hostnames?: string[];
  rules?: Array<{
    matches?: Array<{ path?: { type?: string; value?: string } }>;
    backendRefs?: Array<{ name?: string; namespace?: string; kind?: string; port?: number }>;
  }>;
};
type Listener = { name?: string; port?: number; protocol?: string; hostname?: string; tls?: { certificateRefs?: Array<{ name?: string; namespace?: string }> } };

/** Routes of a Gateway API HTTPRoute; TLS comes from the parent Gateway's HTTPS listener. */
export function routesFromHttpRoute(m: Manifest, set: ManifestSet): Route[] {
  const spec = (m.object.spec ?? {}) as HttpRouteSpec;
  const namespace = m.ref.namespace ?? "default";
  const tls = gatewayTls(spec.parentRefs ?? [], namespace, set);
  const ports = listenerPorts(spec.parentRefs ?? [], namespace, set);
  const routes: Route[] = [];
  for (const rule of spec.rules ?? []) {
    const matches = rule.matches?.length ? rule.matches : [{}];
    for (const match of matches) {
      const path: PathMatch | undefined = match.path ? { type: pathType(match.path.type), value: match.path.value ?? "/" } : undefined;
      routes.push({
        source: m,
        index: routes.length,
        // sectionName names a Gateway listener, not an entrypoint: entrypoints follow from listener ports.
        entryPoints: [],
        ...(ports ? { listenerPorts: ports } : {}),
        hosts: spec.hostnames ?? [],
        ...(path ? { path } : {}),
        ...(tls ? { tls } : {}),
        backends: (rule.backendRefs ?? []).map((b) => ({ kind: b.kind ?? "Service", namespace: b.namespace ?? namespace, name: b.name ?? "", ...(b.port !== undefined ? { port: b.port } : {}) })),
        middlewares: [],
        ...(spec.parentRefs?.[0]?.name ? { className: spec.parentRefs[0].name } : {}),
        parents: (spec.parentRefs ?? []).filter((p) => typeof p?.name === "string" && p.name).map((p) => ({ kind: p.kind ?? "Gateway", namespace: p.namespace ?? namespace, name: p.name!, ...(p.sectionName ? { sectionName: p.sectionName } : {}) })),
      });
    }
  }
  return routes;
}

function pathType(t: string | undefined): PathMatch["type"] {
  return t === "Exact" ? "Exact" : t === "RegularExpression" ? "Regex" : "Prefix";
}

function parentListeners(parents: ParentRef[], namespace: string, set: ManifestSet): Array<{ parent: ParentRef; listeners: Listener[] }> {
  return parents.map((parent) => {
    const gateway = set.manifests.find((g) => g.ref.kind === "Gateway" && g.group === "gateway.networking.k8s.io" && g.ref.name === parent.name && g.ref.namespace === (parent.namespace ?? namespace));
    const listeners = ((gateway?.object.spec as { listeners?: Listener[] } | undefined)?.listeners ?? []).filter((l) => !parent.sectionName || l.name === parent.sectionName);
    return { parent, listeners };
  });
}

/** HTTP(S) listener ports of the parent Gateways in the manifests; undefined when none is there. */
function listenerPorts(parents: ParentRef[], namespace: string, set: ManifestSet): number[] | undefined {
  const ports = parentListeners(parents, namespace, set)
    .flatMap((p) => p.listeners)
    .filter((l) => (l.protocol === "HTTP" || l.protocol === "HTTPS") && typeof l.port === "number")
    .map((l) => l.port!);
  return ports.length ? [...new Set(ports)] : undefined;
}

function gatewayTls(parents: ParentRef[], namespace: string, set: ManifestSet): RouteTls | undefined {
  for (const parent of parents) {
    const gateway = set.manifests.find((g) => g.ref.kind === "Gateway" && g.group === "gateway.networking.k8s.io" && g.ref.name === parent.name && g.ref.namespace === (parent.namespace ?? namespace));
    const listeners = ((gateway?.object.spec as { listeners?: Listener[] } | undefined)?.listeners ?? []).filter((l) => !parent.sectionName || l.name === parent.sectionName);
    const https = listeners.find((l) => l.protocol === "HTTPS" && l.tls?.certificateRefs?.length);
    const ref = https?.tls?.certificateRefs?.[0];
    if (ref?.name) return { secretName: ref.name };
  }
  return undefined;
}
