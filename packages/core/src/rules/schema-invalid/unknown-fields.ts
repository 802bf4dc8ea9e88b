import { formatPath, type PathSegment } from "./field-path.js";
import type { FieldTypes } from "./type-map.js";

export interface UnknownField {
  /** Path of the unknown key itself: `spec.template.spec.containers[0].imagePullPolicyy`. */
  path: string;
  field: string;
  /** The closest known field of the same object, when one is close enough to be a typo. */
  suggestion?: string;
}

/** Types whose values are not walked: scalars, int-or-string, free-form JSON. */
const LEAF_TYPES = new Set(["string", "number", "boolean", "Date", "IntOrString", "any", "object"]);
const ARRAY = /^Array<(.+)>$/;
const MAP = /^\{ \[key: string\]: (.+); \}$/;

/**
 * Keys that the Kubernetes schema does not define, like kubeconform `-strict` and
 * `kubectl apply --validate=strict` report them. Without strict validation the API server drops
 * them silently: a misspelled `readinessProbe` simply disappears.
 * `resolve` gives the fields of a named type; types it does not know are not walked (no guess).
 */
export function findUnknownFields(object: unknown, typeName: string, resolve: (typeName: string) => FieldTypes | undefined, limit = Infinity): UnknownField[] {
  const found: UnknownField[] = [];
  const walk = (value: unknown, type: string, path: PathSegment[]): void => {
    if (found.length >= limit || value === null || value === undefined || LEAF_TYPES.has(type)) return;
    const array = ARRAY.exec(type);
    if (array) {
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, array[1]!, [...path, i]));
      return;
    }
    const map = MAP.exec(type);
    if (map) {
      if (isPlainObject(value)) for (const [key, item] of Object.entries(value)) walk(item, map[1]!, [...path, key]);
      return;
    }
    const fields = resolve(type);
    // A wrong shape (a string where an object belongs) is a type error, reported by the schema.
    if (!fields || !isPlainObject(value)) return;
    for (const [key, item] of Object.entries(value)) {
      const fieldType = fields.get(key);
      if (fieldType === undefined) {
        const suggestion = closestName(key, [...fields.keys()]);
        found.push({ path: formatPath([...path, key]), field: key, ...(suggestion ? { suggestion } : {}) });
        if (found.length >= limit) return;
      } else {
        walk(item, fieldType, [...path, key]);
      }
    }
  };
  walk(object, typeName, []);
  return found;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * The candidate a typo most likely meant: same name in another case, or within a small edit
 * distance (one edit for short names, two from 6 characters on). Ties go to the first candidate.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const sameCase = candidates.find((c) => c.toLowerCase() === lower);
  if (sameCase) return sameCase;
  const budget = name.length >= 6 ? 2 : 1;
  let best: string | undefined;
  let bestDistance = budget + 1;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - name.length) > budget) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = d;
    }
  }
  return rows[a.length]![b.length]!;
}
