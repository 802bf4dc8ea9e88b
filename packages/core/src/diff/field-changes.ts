import type { FieldChange } from "../model/change.js";
import { MASK } from "../secrets/mask.js";
import { flatten, type FlatObject } from "./flatten.js";

/** Field-level differences between two (already masked) objects, in path order. */
export function fieldChanges(base: unknown, head: unknown): FieldChange[] {
  return flatFieldChanges(flatten(base), flatten(head));
}

export function flatFieldChanges(before: FlatObject, after: FlatObject): FieldChange[] {
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  const changes: FieldChange[] = [];
  for (const path of paths) {
    const inBefore = before.has(path);
    const inAfter = after.has(path);
    const b = before.get(path);
    const a = after.get(path);
    if (inBefore && inAfter && JSON.stringify(b) === JSON.stringify(a)) continue;
    const masked = isMasked(b) || isMasked(a);
    const kind = !inBefore ? "added" : !inAfter ? "removed" : "changed";
    changes.push({ path, kind, ...(inBefore ? { before: b } : {}), ...(inAfter ? { after: a } : {}), ...(masked ? { masked } : {}) });
  }
  return changes;
}

function isMasked(value: unknown): boolean {
  return typeof value === "string" && value.startsWith(MASK);
}
