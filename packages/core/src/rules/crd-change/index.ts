import { defineRule } from "../rule.js";
import { isCrd } from "../shared/crd.js";
import { describeCrd } from "../shared/crd-custom-resources.js";
import { riskyCrdChanges } from "./risky-changes.js";
import { installedFromHelmCrdsFolder } from "../shared/helm-crds.js";

export default defineRule({
  meta: {
    id: "crd-change",
    severity: "high",
    summary: "An existing CustomResourceDefinition changes in a way that breaks clients or existing objects (version removed or unserved, storage version or scope changed, schema tightened).",
    incidents: ["003", "000"],
    remediation:
      "Keep old versions served until every manifest and client has moved; add schema constraints only after checking every existing object against them (kubectl get -A -o yaml), and roll CRD changes out in their own staged change.",
  },
  check({ changes, report }) {
    for (const change of changes) {
      const { base, head } = change;
      // CRD identity is metadata.name: a new name (even one the diff pairs as a rename) is delete + create.
      if (!base || !head || !isCrd(base) || !isCrd(head) || base.ref.name !== head.ref.name) continue;
      const risks = riskyCrdChanges(base, head);
      if (risks.length === 0) continue;
      const helm = installedFromHelmCrdsFolder(head)
        ? `helm upgrade will not apply this CRD change (Helm installs a chart's crds/ once and never upgrades them): apply it yourself before the new controller starts. `
        : "";
      report({
        manifest: head,
        message: `${helm}${describeCrd(head)} changes in ways that can break existing objects: ${risks.join("; ")}. A CRD is cluster-wide: every object of it in every namespace is affected (incidents 003, 000)`,
      });
    }
  },
});
