import yaml from "js-yaml";
import { isRecord, mergeKeyOf } from "./merge-keys.js";

/**
 * YAML with sorted keys and merge-keyed lists sorted by key: equal objects print equally. Lines
 * are never folded (lineWidth -1): a folded scalar would show content that is not the real one.
 */
export function canonicalYaml(value: unknown): string {
  if (value === undefined) return "";
  return yaml.dump(canonicalize(value), { sortKeys: true, lineWidth: -1, noRefs: true });
}

function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(canonicalize);
    const key = mergeKeyOf(items);
    if (!key) return items;
    return [...items].sort((a, b) => String((a as Record<string, unknown>)[key]).localeCompare(String((b as Record<string, unknown>)[key])));
  }
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, canonicalize(v)]));
  return value;
}
