import type { Manifest, ManifestSet } from "../../model/manifest.js";
import { defineRule } from "../rule.js";
import { crdSpec, isCrd } from "../shared/crd.js";
import { crdsServing, customResourcesOf, describeCrd, listObjects } from "../shared/crd-custom-resources.js";
import { installedFromHelmCrdsFolder } from "../shared/helm-crds.js";

export default defineRule({
  meta: {
    id: "crd-delete",
    severity: "critical",
    summary: "A CustomResourceDefinition is deleted, which deletes every custom resource of its kind cluster-wide.",
    incidents: ["003", "000"],
    remediation:
      "Do not delete a CRD in the same change that stops using it: first move or delete its custom resources (and migrate to the replacing CRD, if any), check `kubectl get <kind> -A` is empty, then delete the CRD in its own change.",
  },
  check({ changes, base, head, report }) {
    for (const change of changes) {
      const old = change.base;
      // A CRD under a new metadata.name is another CRD, even when the diff pairs them as a rename.
      if (!old || !isCrd(old) || (change.head && change.head.ref.name === old.ref.name)) continue;
      if (installedFromHelmCrdsFolder(old)) report({ manifest: old, severity: "warning", message: helmKeepsMessage(old, head) });
      else report({ manifest: old, message: deletionMessage(old, base, head) });
    }
  },
});

/** Helm never deletes a CRD of a chart's crds/ folder: nothing is deleted, but nothing reads its objects either. */
function helmKeepsMessage(crd: Manifest, head: ManifestSet): string {
  const spec = crdSpec(crd);
  const kind = spec.names?.kind ?? crd.ref.name;
  const successors = head.manifests.filter((m) => isCrd(m) && crdSpec(m).names?.kind === kind && crdSpec(m).group !== spec.group);
  const moved = successors.length > 0 ? `; head reads ${kind} from ${successors.map((m) => m.ref.name).join(", ")}: objects of the old group are not migrated, recreate them in the new one` : "";
  return `${describeCrd(crd)} leaves the chart's crds/ folder: the CRD stays (helm upgrade and uninstall never delete a chart's CRDs), so its ${kind} objects stay too, but the new controller stops reading them${moved}; delete the CRD yourself once its objects are migrated`;
}

function deletionMessage(crd: Manifest, base: ManifestSet, head: ManifestSet): string {
  const spec = crdSpec(crd);
  const kind = spec.names?.kind ?? crd.ref.name;
  const what = `${kind} (${spec.group})`;
  const stored = customResourcesOf(base, crd);
  const parts = [
    `${describeCrd(crd)} is deleted: the API server deletes every ${what} in every namespace with it`,
    stored.length > 0
      ? `base holds ${stored.length} of them (${listObjects(stored)}), which will be deleted`
      : `base holds none, but the cluster may hold others that will be deleted`,
  ];
  const stillUsed = customResourcesOf(head, crd);
  if (stillUsed.length > 0 && crdsServing(head, spec.group, kind).length === 0) {
    parts.push(`head still defines ${stillUsed.length} (${listObjects(stillUsed)}): they will be rejected, no CRD serves ${what} any more`);
  }
  const successors = head.manifests.filter((m) => isCrd(m) && crdSpec(m).names?.kind === kind && crdSpec(m).group !== spec.group);
  if (successors.length > 0) {
    parts.push(`head serves ${kind} from ${successors.map((m) => m.ref.name).join(", ")} instead, but objects are not migrated between groups`);
  }
  return `${parts.join("; ")} (incident 003: CRD changes are cluster-wide)`;
}
