/**
 * Which hosts an ingress controller (or the Service in front of it) serves, for messages that
 * must name the DNS records and hosts at risk (rules loadbalancer-recreated and
 * ingress-controller-disrupted). Approximate by design: class and Gateway filters apply only when
 * both the route and the controller name one.
 */
import type { Manifest, ManifestSet } from "../../model/manifest.js";
import { routeTable, type Route } from "../../routes/index.js";
import {
  findIngressControllers,
  matchesServiceSelector,
  podTemplate,
  type ControllerFamily,
  type ControllerSelectorOption,
  type IngressController,
} from "../../workloads/index.js";

export interface ServedHosts {
  /** Ingress controllers whose pods the Service selects. */
  controllers: IngressController[];
  /** Hosts of the routes those controllers serve, sorted and unique. */
  hosts: string[];
  /** Routes without a host: reached through the address too, but they name no DNS record. */
  hostless: number;
}

/** Substring of IngressClass.spec.controller / GatewayClass.spec.controllerName per family. */
const CLASS_KEYWORD: Record<ControllerFamily, string | undefined> = {
  traefik: "traefik",
  "ingress-nginx": "nginx",
  haproxy: "haproxy",
  contour: "contour",
  "envoy-gateway": "envoy",
  kong: "kong",
  other: undefined,
};

/** `--providers.kubernetesingress.ingressclass=x` (Traefik v2/v3), `--kubernetes.ingressclass=x` (v1), `--ingress-class=x` (nginx, haproxy, kong). */
const CLASS_ARG = /^--?[\w.-]*ingress-?class=(.+)$/i;

/** The hosts a Service routes to through the ingress controller(s) it selects, as declared in `set`. */
export function hostsServedThrough(service: Manifest, set: ManifestSet, explicit: ControllerSelectorOption[]): ServedHosts {
  const selector = (service.object.spec as { selector?: Record<string, string> } | undefined)?.selector;
  const controllers = findIngressControllers(set, explicit).filter(
    (c) => c.manifest.ref.namespace === service.ref.namespace && matchesServiceSelector(selector, podTemplate(c.manifest.object)?.labels ?? {}),
  );
  return { controllers, ...hostsOf(routeTable(set).filter((r) => controllers.some((c) => serves(c, r, set)))) };
}

/** The hosts an ingress controller serves among the routes declared in `set`. */
export function hostsServedBy(controller: IngressController, set: ManifestSet): Omit<ServedHosts, "controllers"> {
  return hostsOf(routeTable(set).filter((r) => serves(controller, r, set)));
}

/** "a, b, c and 4 more": enough hosts to act on without flooding a report. */
export function listHosts(hosts: string[], max = 20): string {
  return hosts.slice(0, max).join(", ") + (hosts.length > max ? ` and ${hosts.length - max} more` : "");
}

function hostsOf(routes: Route[]): Omit<ServedHosts, "controllers"> {
  return { hosts: [...new Set(routes.flatMap((r) => r.hosts))].sort(), hostless: routes.filter((r) => r.hosts.length === 0).length };
}

function serves(controller: IngressController, route: Route, set: ManifestSet): boolean {
  const kind = route.source.ref.kind;
  if (kind === "IngressRoute") return controller.family === "traefik" || controller.family === "other";
  if (kind === "HTTPRoute") {
    const gatewayController = gatewayControllerOf(route, set);
    const keyword = CLASS_KEYWORD[controller.family];
    // Unknown Gateway: assume any Gateway API implementation serves it; ingress-nginx is none.
    if (gatewayController === undefined || keyword === undefined) return controller.family !== "ingress-nginx";
    return gatewayController.includes(keyword);
  }
  const classes = ingressClassesOf(controller, set);
  // Class filtering only when both sides name one: an unclassed Ingress goes to the default controller.
  return route.className === undefined || classes.size === 0 || classes.has(route.className);
}

/** Class names a controller answers to: its own flag first, else the IngressClasses naming its family. */
export function ingressClassesOf(controller: IngressController, set: ManifestSet): Set<string> {
  const args = [...(controller.container.command ?? []), ...(controller.container.args ?? [])];
  const fromArgs = args.map((a) => CLASS_ARG.exec(a)?.[1]?.replace(/^"|"$/g, "")).filter((c): c is string => !!c);
  if (fromArgs.length > 0) return new Set(fromArgs);
  const keyword = CLASS_KEYWORD[controller.family];
  if (!keyword) return new Set();
  const classes = set.manifests.filter((m) => m.ref.kind === "IngressClass" && m.group === "networking.k8s.io");
  return new Set(classes.filter((m) => String((m.object.spec as { controller?: string } | undefined)?.controller ?? "").includes(keyword)).map((m) => m.ref.name));
}

function gatewayControllerOf(route: Route, set: ManifestSet): string | undefined {
  const parents = ((route.source.object.spec as { parentRefs?: Array<{ name?: string; namespace?: string }> } | undefined)?.parentRefs ?? []);
  for (const parent of parents) {
    const namespace = parent.namespace ?? route.source.ref.namespace;
    const gateway = set.manifests.find((m) => m.ref.kind === "Gateway" && m.group === "gateway.networking.k8s.io" && m.ref.name === parent.name && m.ref.namespace === namespace);
    const className = (gateway?.object.spec as { gatewayClassName?: string } | undefined)?.gatewayClassName;
    const gatewayClass = set.manifests.find((m) => m.ref.kind === "GatewayClass" && m.group === "gateway.networking.k8s.io" && m.ref.name === className);
    const controllerName = (gatewayClass?.object.spec as { controllerName?: string } | undefined)?.controllerName;
    if (controllerName) return controllerName;
  }
  return undefined;
}
