/**
 * Lists that Kubernetes merges by a key (strategic merge patch): their order carries no meaning,
 * so items are matched by key, not by index, and reordering them is not a change.
 */
const BY_FIELD = ["name", "mountPath", "devicePath", "containerPort", "port", "ip", "host", "type", "key", "topologyKey"];

export function mergeKeyOf(items: unknown[]): string | undefined {
  if (items.length === 0 || !items.every(isRecord)) return undefined;
  const records = items as Array<Record<string, unknown>>;
  for (const field of BY_FIELD) {
    const values = records.map((r) => r[field]);
    if (values.every((v) => typeof v === "string" || typeof v === "number") && new Set(values).size === values.length) return field;
  }
  return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
