import { isDeepStrictEqual } from "node:util";

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Path of a values key as Helm users write it: `tls.certManager.issuer`, `volumes[0].mountPath`. */
export function joinKey(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  const safe = /^[A-Za-z_][\w-]*$/.test(key) ? key : `"${key}"`;
  return parent ? `${parent}.${safe}` : safe;
}

/** Dotted paths of the values that differ between two values documents (maps recursed, lists by index). */
export function changedKeys(before: unknown, after: unknown, path = "", out: string[] = []): string[] {
  if (isDeepStrictEqual(before, after)) return out;
  if (isMap(before) && isMap(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) changedKeys(before[key], after[key], joinKey(path, key), out);
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    before.forEach((b, i) => changedKeys(b, after[i], joinKey(path, i), out));
    return out;
  }
  out.push(path || "(whole file)");
  return out;
}

/** Every scalar leaf of a values document with its path. */
export function leaves(value: unknown, path = "", out: Array<{ key: string; value: unknown }> = []): Array<{ key: string; value: unknown }> {
  if (isMap(value)) for (const [k, v] of Object.entries(value)) leaves(v, joinKey(path, k), out);
  else if (Array.isArray(value)) value.forEach((v, i) => leaves(v, joinKey(path, i), out));
  else out.push({ key: path, value });
  return out;
}

/** The value at a dotted path (`persistence.enabled`), or undefined. */
export function valueAt(value: unknown, path: string): unknown {
  let node = value;
  for (const segment of splitKey(path)) {
    if (typeof segment === "number") node = Array.isArray(node) ? node[segment] : undefined;
    else node = isMap(node) ? node[segment] : undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

function splitKey(path: string): Array<string | number> {
  const out: Array<string | number> = [];
  for (const m of path.matchAll(/"([^"]*)"|\[(\d+)\]|([^.[\]"]+)/g)) out.push(m[2] !== undefined ? Number(m[2]) : (m[1] ?? m[3])!);
  return out;
}

/**
 * Best-effort 1-based line of a dotted key in a YAML text: each named segment is searched for as
 * `key:` below the previous one, deeper indented. Enough to point an editor at `tls.source`.
 */
export function lineOfKey(text: string, path: string): number | undefined {
  const lines = text.split("\n");
  let from = 0;
  let indent = -1;
  let found: number | undefined;
  for (const segment of splitKey(path)) {
    if (typeof segment === "number") continue;
    const re = new RegExp(`^(\\s*)(-\\s+)?["']?${segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["']?\\s*:`);
    let hit = -1;
    for (let i = from; i < lines.length; i++) {
      const m = re.exec(lines[i]!);
      if (m && m[1]!.length + (m[2]?.length ?? 0) > indent) {
        hit = i;
        indent = m[1]!.length + (m[2]?.length ?? 0);
        break;
      }
    }
    if (hit < 0) return found;
    found = hit + 1;
    from = hit + 1;
  }
  return found;
}
