import type { Manifest } from "../model/manifest.js";
import { flatten } from "./flatten.js";

/** How alike two bodies must be (shared leaf path=value pairs) to call a delete + create a rename. */
export const RENAME_SIMILARITY = 0.7;

/** Kinds whose name is their identity (a CRD's name is `<plural>.<group>`): never a rename. */
const NEVER_RENAMED = new Set(["CustomResourceDefinition", "Namespace", "APIService"]);

export interface Rename {
  from: Manifest;
  to: Manifest;
}

/**
 * Pairs deleted and created objects of the same kind and namespace whose bodies are nearly
 * the same: a rename, which the cluster executes as delete + create (incident 002: a reinstall
 * under a new release name recreated the LoadBalancer Service).
 */
export function detectRenames(deleted: Manifest[], created: Manifest[]): Rename[] {
  const renames: Rename[] = [];
  const taken = new Set<Manifest>();
  for (const from of deleted) {
    if (NEVER_RENAMED.has(from.ref.kind)) continue;
    const fromLeaves = bodyLeaves(from);
    let best: { to: Manifest; score: number } | undefined;
    for (const to of created) {
      if (taken.has(to) || to.group !== from.group || to.ref.kind !== from.ref.kind || to.ref.namespace !== from.ref.namespace) continue;
      const score = jaccard(fromLeaves, bodyLeaves(to));
      if (score >= RENAME_SIMILARITY && (!best || score > best.score)) best = { to, score };
    }
    if (best) {
      taken.add(best.to);
      renames.push({ from, to: best.to });
    }
  }
  return renames;
}

function bodyLeaves(m: Manifest): Set<string> {
  const { metadata, ...rest } = m.object;
  // The name, and labels/annotations that usually embed it, are expected to differ in a rename.
  const flat = flatten({ ...rest, labels: metadata.labels });
  return new Set([...flat].map(([k, v]) => `${k}=${JSON.stringify(v)}`));
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}
