import type { Manifest } from "../../model/manifest.js";
import { crdSpec, crdVersions } from "../shared/crd.js";

const PRESERVE = "x-kubernetes-preserve-unknown-fields";

/**
 * Why a CRD lets the API server accept malformed objects: one reason per served version that has
 * no schema, or a schema that keeps any field at the root or under a property-less `spec`.
 */
export function missingSchemaReasons(crd: Manifest): string[] {
  const v1beta1 = crd.ref.apiVersion === "apiextensions.k8s.io/v1beta1";
  const reasons: string[] = [];
  for (const version of crdVersions(crd)) {
    if (version.served === false) continue;
    const schema = version.schema?.openAPIV3Schema;
    if (!schema) {
      reasons.push(v1beta1 && !crdSpec(crd).validation ? `version ${version.name} has no schema (apiextensions.k8s.io/v1beta1 without spec.validation)` : `version ${version.name} has no openAPIV3Schema`);
      continue;
    }
    if (schema[PRESERVE] === true) {
      reasons.push(`version ${version.name} sets ${PRESERVE}: true at the schema root`);
      continue;
    }
    const spec = (schema.properties as Record<string, Record<string, unknown>> | undefined)?.spec;
    if (spec?.[PRESERVE] === true && !hasProperties(spec)) {
      reasons.push(`version ${version.name} sets ${PRESERVE}: true on spec and declares no properties`);
    }
  }
  return reasons;
}

function hasProperties(schema: Record<string, unknown>): boolean {
  const props = schema.properties;
  return typeof props === "object" && props !== null && Object.keys(props).length > 0;
}
