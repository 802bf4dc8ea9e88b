import type { Manifest, ManifestSet } from "../../model/manifest.js";
import { describeRef } from "../../normalize/index.js";
import { findIngressControllers } from "../../workloads/index.js";

/**
 * An ingress controller or certificate manager installed by a GitOps object (a Flux HelmRelease,
 * an Argo CD Application) whose chart kubegate may not be able to render offline: the object
 * itself says which controller it installs and at which version.
 */
export interface PackagedController {
  manifest: Manifest;
  family: string;
  chart: string;
  /** The chart version as written ("4.11.2", ">=1.0.0", "*"). */
  version?: string;
  /** The namespace its objects land in. */
  namespace: string;
}

/** Chart names of the controllers users run, and the keyword their classes carry. */
const CHARTS: Array<{ family: string; chart: RegExp; classKeyword: string }> = [
  { family: "ingress-nginx", chart: /^ingress-nginx$/, classKeyword: "nginx" },
  { family: "traefik", chart: /^traefik$/, classKeyword: "traefik" },
  { family: "envoy-gateway", chart: /^(gateway-helm|envoy-gateway)$/, classKeyword: "envoy" },
  { family: "haproxy", chart: /^(haproxy-ingress|kubernetes-ingress|haproxy)$/, classKeyword: "haproxy" },
  { family: "contour", chart: /^contour$/, classKeyword: "contour" },
  { family: "istio", chart: /^(gateway|istio-ingress|istio-ingressgateway)$/, classKeyword: "istio" },
  { family: "kong", chart: /^(kong|ingress)$/, classKeyword: "kong" },
  { family: "cert-manager", chart: /^cert-manager$/, classKeyword: "cert-manager" },
];

export function packagedController(m: Manifest): PackagedController | undefined {
  const spec = (m.object as { spec?: Record<string, unknown> }).spec ?? {};
  let chart: string | undefined;
  let version: string | undefined;
  let namespace = m.ref.namespace ?? "default";
  if (m.ref.kind === "HelmRelease" && m.group === "helm.toolkit.fluxcd.io") {
    const template = (spec.chart as { spec?: { chart?: string; version?: string } } | undefined)?.spec;
    chart = template?.chart ?? (spec.chartRef as { name?: string } | undefined)?.name;
    version = template?.version;
    if (typeof spec.targetNamespace === "string") namespace = spec.targetNamespace;
  } else if (m.ref.kind === "Application" && m.group === "argoproj.io") {
    const sources = [spec.source, ...(Array.isArray(spec.sources) ? spec.sources : [])] as Array<{ chart?: string; path?: string; targetRevision?: string } | undefined>;
    const source = sources.find((s) => s?.chart) ?? sources.find((s) => s?.path);
    chart = source?.chart ?? source?.path?.split("/").filter(Boolean).pop();
    version = source?.targetRevision;
    namespace = (spec.destination as { namespace?: string } | undefined)?.namespace ?? namespace;
  }
  if (!chart) return undefined;
  const known = CHARTS.find((c) => c.chart.test(chart!));
  return known ? { manifest: m, family: known.family, chart, namespace, ...(version ? { version } : {}) } : undefined;
}

/** The major version of an exact chart version ("4.11.2", "v1.8.0-rc.0"); ranges ("*", ">=1") have none. */
export function chartMajor(version: string | undefined): number | undefined {
  const match = /^v?(\d+)\.\d+(\.\d+)?(-[\w.]+)?$/.exec(version?.trim() ?? "");
  return match ? Number(match[1]) : undefined;
}

/** True when one side has the controller's workload rendered: the rendered objects are judged instead. */
export function isRendered(controller: PackagedController, set: ManifestSet): boolean {
  return findIngressControllers(set, []).some((c) => c.manifest.ref.namespace === controller.namespace);
}

/**
 * Hosts a packaged controller serves on one side: Ingresses of its class, Traefik IngressRoutes,
 * HTTPRoutes of its Gateways, and the `ingress`/`httpRoute` values of HelmReleases and
 * Applications (charts kubegate could not render name their hosts there).
 */
export function hostsOf(controller: PackagedController, set: ManifestSet): string[] {
  const keyword = CHARTS.find((c) => c.family === controller.family)!.classKeyword;
  const hosts = new Set<string>();
  const gateways = new Set(set.manifests.filter((m) => m.ref.kind === "Gateway" && String((m.object as { spec?: { gatewayClassName?: string } }).spec?.gatewayClassName ?? "").includes(keyword)).map((m) => m.ref.name));
  for (const m of set.manifests) {
    const spec = ((m.object as { spec?: Record<string, unknown> }).spec ?? {}) as Record<string, unknown>;
    if (m.ref.kind === "Ingress" && classOf(m).includes(keyword)) for (const rule of list(spec.rules)) if (typeof rule.host === "string") hosts.add(rule.host);
    if (m.ref.kind === "IngressRoute" && keyword === "traefik") for (const h of String(JSON.stringify(spec.routes ?? "")).matchAll(/Host\(`([^`]+)`\)/g)) hosts.add(h[1]!);
    if (m.ref.kind === "HTTPRoute" && list(spec.parentRefs).some((p) => gateways.has(String(p.name)))) for (const h of stringList(spec.hostnames)) hosts.add(h);
    if ((m.ref.kind === "HelmRelease" || m.ref.kind === "Application") && m !== controller.manifest) for (const h of valuesHosts(valuesOf(m), keyword, gateways)) hosts.add(h);
  }
  return [...hosts].sort();
}

function classOf(m: Manifest): string {
  const spec = (m.object as { spec?: { ingressClassName?: string } }).spec;
  return spec?.ingressClassName ?? m.object.metadata.annotations?.["kubernetes.io/ingress.class"] ?? "";
}

function valuesOf(m: Manifest): unknown {
  const spec = ((m.object as { spec?: Record<string, unknown> }).spec ?? {}) as Record<string, unknown>;
  if (m.ref.kind === "HelmRelease") return spec.values;
  const helm = (spec.source as { helm?: { valuesObject?: unknown } } | undefined)?.helm;
  return helm?.valuesObject;
}

/** `ingress: {enabled, className, hosts}` and `httpRoute: {parentRefs, hostnames}` blocks anywhere in the values. */
function valuesHosts(values: unknown, keyword: string, gateways: ReadonlySet<string>, out: string[] = []): string[] {
  if (!values || typeof values !== "object") return out;
  for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
    if (!value || typeof value !== "object") continue;
    const block = value as Record<string, unknown>;
    if (/^ingress$/i.test(key) && block.enabled !== false && String(block.className ?? block.ingressClassName ?? "").includes(keyword)) {
      for (const host of list(block.hosts)) if (typeof host.host === "string") out.push(host.host);
      for (const host of stringList(block.hosts)) out.push(host);
    } else if (/^httpRoute$/i.test(key) && block.enabled !== false && list(block.parentRefs).some((p) => gateways.has(String(p.name)) || String(p.name).includes(keyword))) {
      out.push(...stringList(block.hostnames));
    } else valuesHosts(value, keyword, gateways, out);
  }
  return out;
}

function list(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => !!v && typeof v === "object") : [];
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

export function packagedLabel(c: PackagedController): string {
  return `${describeRef(c.manifest.ref)} (installs ${c.family}, chart ${c.chart}${c.version ? ` ${c.version}` : ""})`;
}
