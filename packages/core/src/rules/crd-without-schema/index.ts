import type { Manifest } from "../../model/manifest.js";
import { defineRule } from "../rule.js";
import { crdSpec, isCrd } from "../shared/crd.js";
import { describeCrd, isCustomResourceOf, listObjects } from "../shared/crd-custom-resources.js";
import { missingSchemaReasons } from "./missing-schema.js";

export default defineRule({
  meta: {
    id: "crd-without-schema",
    severity: "high",
    summary: "A CustomResourceDefinition that this change installs, updates or feeds objects to has no validating schema for a served version.",
    incidents: ["000"],
    remediation:
      "Install the CRD version that ships an openAPIV3Schema (for Traefik, v2.5 or later: apiextensions.k8s.io/v1 CRDs), or write a structural schema for every served version; until then, validate the custom resources in CI against the controller's schema.",
  },
  check({ changes, head, report }) {
    for (const crd of head.manifests.filter(isCrd)) {
      const crdChanged = changes.some((c) => c.head?.key === crd.key);
      // Deleting objects submits nothing to validate; creating or updating them does.
      const submitted = changes.flatMap((c) => (c.head && isCustomResourceOf(c.head, crd) ? [c.head] : []));
      if (!crdChanged && submitted.length === 0) continue;
      const reasons = missingSchemaReasons(crd);
      if (reasons.length === 0) continue;
      report({ manifest: crd, message: message(crd, reasons, submitted) });
    }
  },
});

function message(crd: Manifest, reasons: string[], submitted: Manifest[]): string {
  const kind = crdSpec(crd).names?.kind ?? crd.ref.name;
  const trigger = submitted.length === 0 ? "" : ` and this change applies ${submitted.length} ${kind} (${listObjects(submitted)}) through it`;
  return (
    `${describeCrd(crd)} has no validating schema (${reasons.join("; ")})${trigger}: ` +
    `the API server will accept any malformed ${kind} (incident 000: a malformed IngressRoute accepted by Traefik v2.4's schema-less CRD made Traefik return 404 for every route after a restart)`
  );
}
