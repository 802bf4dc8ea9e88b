import { isRecord, mergeKeyOf } from "./merge-keys.js";

/** Leaf values by path. Empty maps and lists are leaves so that `{}` -> absent is visible. */
export type FlatObject = Map<string, unknown>;

export function flatten(value: unknown, prefix = "", out: FlatObject = new Map()): FlatObject {
  if (Array.isArray(value)) {
    if (value.length === 0) out.set(prefix, []);
    const key = mergeKeyOf(value);
    value.forEach((item, i) => {
      const seg = key ? `[${key}=${String((item as Record<string, unknown>)[key])}]` : `[${i}]`;
      flatten(item, `${prefix}${seg}`, out);
    });
    return out;
  }
  if (isRecord(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0 && prefix !== "") out.set(prefix, {});
    for (const [k, v] of entries) flatten(v, prefix === "" ? escapeKey(k) : `${prefix}.${escapeKey(k)}`, out);
    return out;
  }
  out.set(prefix, value);
  return out;
}

/** Keys with dots (annotations, labels) are quoted so the path stays unambiguous. */
function escapeKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : `"${key}"`;
}
