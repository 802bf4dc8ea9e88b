import type { Manifest, Redefinition } from "../../model/manifest.js";
import { describeRef } from "../../normalize/index.js";
import { defineRule } from "../rule.js";

export default defineRule({
  meta: {
    id: "object-defined-twice",
    severity: "warning",
    summary: "One side defines the same object twice (perhaps at two apiVersions): the cluster keeps only the last definition.",
    incidents: ["000"],
    remediation:
      "Keep one definition of the object: delete the other document, or give it its own name. An object at two apiVersions is still one object (the API server converts between versions), so migrate it by changing the apiVersion of the one document.",
  },
  check({ head, report }) {
    for (const [kept, earlier] of byObject(head.redefined ?? [])) {
      const manifest = head.byKey.get(kept.key) ?? kept;
      const places = earlier.map((r) => `${r.earlier.file}:${r.earlier.line}${r.earlierApiVersion !== manifest.ref.apiVersion ? ` (as ${r.earlierApiVersion})` : ""}`);
      const same = earlier.every((r) => r.identical);
      report({
        manifest,
        message:
          `${describeRef(manifest.ref)} is defined ${earlier.length + 1} times (also at ${places.join(", ")}): ` +
          (same
            ? "the definitions are identical, so kubectl apply leaves the same object, but Helm and kustomize refuse a duplicate"
            : `kubectl apply keeps only the last (${manifest.source.file}:${manifest.source.line}, ${manifest.ref.apiVersion}); the others never reach the cluster, and the diff shows the last one only`),
        fingerprint: `${manifest.key} ${same ? "identical" : "differs"}`,
      });
    }
  },
});

/** Redefinitions grouped by object, in the order the objects were first redefined. */
function byObject(redefined: readonly Redefinition[]): Map<Manifest, Redefinition[]> {
  const byKey = new Map<string, { kept: Manifest; list: Redefinition[] }>();
  for (const r of redefined) {
    const entry = byKey.get(r.kept.key) ?? { kept: r.kept, list: [] };
    entry.kept = r.kept;
    entry.list.push(r);
    byKey.set(r.kept.key, entry);
  }
  return new Map([...byKey.values()].map((e) => [e.kept, e.list]));
}
