import type { Manifest } from "../../model/manifest.js";

export interface CrdVersion {
  name: string;
  served?: boolean;
  storage?: boolean;
  schema?: { openAPIV3Schema?: Record<string, unknown> };
}

export interface CrdSpec {
  group: string;
  scope?: "Namespaced" | "Cluster";
  names: { kind: string; plural?: string };
  versions?: CrdVersion[];
  /** apiextensions.k8s.io/v1beta1 only: one schema for all versions. */
  validation?: { openAPIV3Schema?: Record<string, unknown> };
  version?: string;
}

export function isCrd(m: Manifest): boolean {
  return m.ref.kind === "CustomResourceDefinition" && m.group === "apiextensions.k8s.io";
}

export function crdSpec(m: Manifest): CrdSpec {
  return (m.object.spec ?? {}) as unknown as CrdSpec;
}

/** Versions of a CRD in v1 form (v1beta1's single `version`/`validation` mapped onto it). */
export function crdVersions(m: Manifest): CrdVersion[] {
  const spec = crdSpec(m);
  if (spec.versions?.length) {
    return spec.versions.map((v) => ({ ...v, ...(v.schema ? {} : spec.validation ? { schema: spec.validation } : {}) }));
  }
  if (spec.version) return [{ name: spec.version, served: true, storage: true, ...(spec.validation ? { schema: spec.validation } : {}) }];
  return [];
}
