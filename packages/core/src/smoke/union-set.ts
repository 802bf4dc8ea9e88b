import type { Manifest, ManifestSet } from "../model/manifest.js";

/** Head's objects plus base objects head deletes: every Service either side routes to. */
export function unionSet(base: ManifestSet, head: ManifestSet): ManifestSet {
  const byKey = new Map<string, Manifest>(head.byKey);
  for (const [key, m] of base.byKey) if (!byKey.has(key)) byKey.set(key, m);
  return { manifests: [...byKey.values()], byKey };
}
