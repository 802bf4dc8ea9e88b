import type { Manifest, ManifestSet } from "../../model/manifest.js";
import { groupOf } from "../../normalize/canonical-group.js";
import { crdSpec, isCrd } from "./crd.js";

/**
 * Custom resources a CRD serves, matched on the exact API group (not the canonical one): deleting
 * `ingressroutes.traefik.containo.us` deletes `traefik.containo.us` IngressRoutes, never the
 * `traefik.io` ones that the canonical group maps onto the same identity.
 */
export function customResourcesOf(set: ManifestSet, crd: Manifest): Manifest[] {
  return set.manifests.filter((m) => isCustomResourceOf(m, crd));
}

export function isCustomResourceOf(m: Manifest, crd: Manifest): boolean {
  const spec = crdSpec(crd);
  return m.ref.kind === spec.names?.kind && groupOf(m.ref.apiVersion) === spec.group;
}

/** "CRD ingressroutes.traefik.containo.us (IngressRoute)" */
export function describeCrd(crd: Manifest): string {
  const kind = crdSpec(crd).names?.kind;
  return `CRD ${crd.ref.name}${kind ? ` (${kind})` : ""}`;
}

/** CRDs of a set that serve `kind` in `group` (the exact group). */
export function crdsServing(set: ManifestSet, group: string, kind: string): Manifest[] {
  return set.manifests.filter((m) => isCrd(m) && crdSpec(m).group === group && crdSpec(m).names?.kind === kind);
}

/** "default/a, default/b and 3 more": names objects without flooding the message. */
export function listObjects(objects: Manifest[], max = 3): string {
  const names = objects.map((m) => (m.ref.namespace ? `${m.ref.namespace}/${m.ref.name}` : m.ref.name));
  if (names.length <= max) return names.join(", ");
  return `${names.slice(0, max).join(", ")} and ${names.length - max} more`;
}
