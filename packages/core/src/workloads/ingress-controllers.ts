import type { Manifest, ManifestSet } from "../model/manifest.js";
import { parseImage, podTemplate, type Container } from "./pod-template.js";

export type ControllerFamily = "traefik" | "ingress-nginx" | "haproxy" | "contour" | "envoy-gateway" | "kong" | "other";

export interface IngressController {
  manifest: Manifest;
  family: ControllerFamily;
  container: Container;
  image: string;
  /** Image tag, e.g. "v2.4.7" or "3.6.15". */
  version?: string;
}

/** Explicit controller workloads from kubegate.yaml, for controllers the image heuristics miss. */
export interface ControllerSelectorOption {
  kind?: string;
  namespace?: string;
  name: string;
}

const FAMILIES: Array<[RegExp, ControllerFamily]> = [
  // k3s ships Traefik as rancher/mirrored-library-traefik.
  [/(^|\/)(mirrored-library-)?traefik$/, "traefik"],
  [/ingress-nginx\/controller|nginx-ingress-controller|nginx-ingress$/, "ingress-nginx"],
  [/haproxy-ingress|haproxytech\/kubernetes-ingress/, "haproxy"],
  [/contour/, "contour"],
  [/envoy-gateway|envoyproxy\/gateway/, "envoy-gateway"],
  [/kong\/kubernetes-ingress-controller|(^|\/)kong$/, "kong"],
];

/** Finds ingress controller workloads by their image (and by explicit configuration). */
const found = new WeakMap<ManifestSet, Map<string, readonly IngressController[]>>();

/** Ingress controllers of a set, computed once per set and explicit selection (many rules ask); a copy is returned. */
export function findIngressControllers(set: ManifestSet, explicit: ControllerSelectorOption[] = []): IngressController[] {
  let bySelection = found.get(set);
  if (!bySelection) found.set(set, (bySelection = new Map()));
  const key = JSON.stringify(explicit);
  let controllers = bySelection.get(key);
  if (!controllers) bySelection.set(key, (controllers = scanIngressControllers(set, explicit)));
  return [...controllers];
}

function scanIngressControllers(set: ManifestSet, explicit: ControllerSelectorOption[]): IngressController[] {
  const found: IngressController[] = [];
  for (const manifest of set.manifests) {
    const template = podTemplate(manifest.object);
    if (!template || manifest.object.kind === "Job" || manifest.object.kind === "CronJob" || manifest.object.kind === "Pod") continue;
    const isExplicit = explicit.some((e) => e.name === manifest.ref.name && (!e.namespace || e.namespace === manifest.ref.namespace) && (!e.kind || e.kind === manifest.ref.kind));
    for (const container of template.containers) {
      if (!container.image) continue;
      const { repository, tag } = parseImage(container.image);
      const family = FAMILIES.find(([re]) => re.test(repository))?.[1] ?? (isExplicit ? "other" : undefined);
      if (!family) continue;
      found.push({ manifest, family, container, image: container.image, ...(tag ? { version: tag } : {}) });
      break;
    }
  }
  return found;
}
