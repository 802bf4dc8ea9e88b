import { defineRule } from "../rule.js";
import { crdSpec, isCrd } from "../shared/crd.js";

export default defineRule({
  meta: {
    id: "crd-install",
    severity: "high",
    summary: "A CustomResourceDefinition is added to the cluster.",
    incidents: ["003"],
    remediation:
      "Install CRDs in their own change, staged first; review what controllers they bring (CNI, policy engines) and how they act on existing traffic.",
  },
  check({ changes, report }) {
    for (const change of changes) {
      if (change.op !== "create" || !change.head || !isCrd(change.head)) continue;
      const spec = crdSpec(change.head);
      report({
        manifest: change.head,
        message: `new CRD ${spec.names?.kind ?? change.head.ref.name} (${spec.group}) is installed: CRDs are cluster-wide and can change how every namespace behaves (incident 003: Calico CRDs cut the ingress controller off)`,
      });
    }
  },
});
