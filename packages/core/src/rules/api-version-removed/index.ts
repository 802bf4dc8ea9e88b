import type { Manifest } from "../../model/manifest.js";
import { describeRef } from "../../normalize/index.js";
import { defineRule } from "../rule.js";
import { apiStatusAt, replacementAt, type RemovedApi } from "../shared/removed-apis.js";

export default defineRule({
  meta: {
    id: "api-version-removed",
    severity: "critical",
    summary: "An object uses a built-in apiVersion that the target Kubernetes version no longer serves (or has deprecated).",
    incidents: ["001"],
    remediation:
      "Move the manifest to the replacement apiVersion named in the finding and apply the field changes it lists; check that every controller reading the kind (ingress controllers, operators) supports the new version before the cluster upgrade.",
  },
  check({ head, changes, options, report }) {
    const target = options.kubeVersion;
    // A removed API breaks every object of head, changed or not: the next apply or the cluster
    // upgrade fails on it. Deprecations are only raised where the change touches the object.
    const touched = new Set<Manifest>(changes.flatMap((c) => (c.op !== "delete" && c.head ? [c.head] : [])));
    for (const manifest of head.manifests) {
      const { apiVersion, kind } = manifest.object;
      const status = apiStatusAt(apiVersion, kind, target);
      const what = `${describeRef(manifest.ref)} uses ${apiVersion}`;
      if (status.status === "removed") {
        report({
          manifest,
          message: `${what}, removed in Kubernetes ${status.api.removedIn}; ${migration(status.api, target)}. Kubernetes ${target} does not serve it: the apply fails (no matches for kind ${kind}) and a controller still reading it sees nothing (incident 001)`,
        });
      } else if (status.status === "deprecated" && touched.has(manifest)) {
        report({
          manifest,
          severity: "warning",
          message: `${what}, deprecated since Kubernetes ${status.api.deprecatedIn} and removed in ${status.api.removedIn} (target is ${target}): before the upgrade to ${status.api.removedIn}, ${migration(status.api, target)} (incident 001)`,
        });
      }
    }
  },
});

function migration(api: RemovedApi, target: string): string {
  const replacement = replacementAt(api, target);
  if (!replacement) return api.noReplacement ?? "there is no replacement API";
  const notes = api.notes ? `; in ${replacement.apiVersion}: ${api.notes}` : "";
  return `use ${replacement.apiVersion} (served since Kubernetes ${replacement.since})${notes}`;
}
