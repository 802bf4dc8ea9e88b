import type { Change } from "../model/change.js";
import type { Manifest, ManifestSet } from "../model/manifest.js";
import { modelValidator } from "./custom-resource-invalid/model-validators.js";
import { schemaValidator } from "./schema-invalid/model-lookup.js";

/**
 * Objects whose fields have the wrong JSON type for their schema (`spec.rules: 5`): rules read
 * fields as the schema promises, so such an object can crash any of them. schema-invalid and
 * custom-resource-invalid report these objects; the other rules skip them (run-rules.ts).
 */
export function malformedKeys(sets: ManifestSet[]): Set<string> {
  const out = new Set<string>();
  for (const set of sets) for (const manifest of set.manifests) if (!out.has(manifest.key) && hasTypeErrors(manifest)) out.add(manifest.key);
  return out;
}

function hasTypeErrors(manifest: Manifest): boolean {
  const { apiVersion, kind } = manifest.object;
  try {
    const builtIn = schemaValidator(apiVersion, kind);
    if (builtIn) return builtIn(manifest.object).some((e) => e.keyword === "type");
    const model = modelValidator(apiVersion, kind);
    return model ? model.validate(manifest.object as Record<string, unknown>).some((e) => e.keyword === "type") : false;
  } catch {
    return true;
  }
}

/** The rule input without the given objects (by key), on both sides and in the changes. */
export function without<T extends { base: ManifestSet; head: ManifestSet; changes: Change[] }>(input: T, keys: ReadonlySet<string>): T {
  const filter = (set: ManifestSet): ManifestSet => {
    const manifests = set.manifests.filter((m) => !keys.has(m.key));
    return { manifests, byKey: new Map(manifests.map((m) => [m.key, m])), ...(set.redefined ? { redefined: set.redefined.filter((r) => !keys.has(r.kept.key)) } : {}) };
  };
  return { ...input, base: filter(input.base), head: filter(input.head), changes: input.changes.filter((c) => !keys.has(c.key)) };
}
