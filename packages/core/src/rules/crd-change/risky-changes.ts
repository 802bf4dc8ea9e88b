import type { Manifest } from "../../model/manifest.js";
import { crdSpec, crdVersions } from "../shared/crd.js";
import { schemaTightenings } from "./schema-tightening.js";

/** Every change between two versions of one CRD that can break clients or existing objects. */
export function riskyCrdChanges(base: Manifest, head: Manifest): string[] {
  const risks: string[] = [];
  const bScope = crdSpec(base).scope ?? "Namespaced";
  const hScope = crdSpec(head).scope ?? "Namespaced";
  if (bScope !== hScope) {
    risks.push(`scope changed from ${bScope} to ${hScope} (not possible in place: the CRD is recreated and every object of it deleted)`);
  }

  const bVersions = crdVersions(base);
  const hVersions = crdVersions(head);
  const bStorage = bVersions.find((v) => v.storage)?.name;
  const hStorage = hVersions.find((v) => v.storage)?.name;
  if (bStorage && hStorage && bStorage !== hStorage) {
    risks.push(`storage version changed from ${bStorage} to ${hStorage} (existing objects stay stored as ${bStorage} and need conversion)`);
  }

  for (const bv of bVersions) {
    const hv = hVersions.find((v) => v.name === bv.name);
    if (!hv) {
      risks.push(`version ${bv.name} removed (manifests and clients using it fail, and the API server refuses it while objects are stored at it)`);
      continue;
    }
    // A version nobody can read or write any more: its schema no longer matters.
    if (hv.served === false) {
      if (bv.served !== false) risks.push(`version ${bv.name} no longer served (manifests and clients using it get 404)`);
      continue;
    }
    for (const t of schemaTightenings(bv.schema?.openAPIV3Schema, hv.schema?.openAPIV3Schema)) {
      risks.push(`version ${bv.name}${t.path === "$" ? "" : ` ${t.path}`}: ${t.what}`);
    }
  }
  return risks;
}
