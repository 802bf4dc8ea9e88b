import type { KubeObject } from "../model/kube-object.js";
import { looksLikeCredential } from "./credential-keys.js";
import type { SecretRegistry } from "./secret-registry.js";

export const MASK = "***";
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

type Side = "before" | "after";

/**
 * Returns copies of base and head with every secret value replaced. Like `kubectl diff`, a
 * changed value shows as `*** (before)` / `*** (after)`, so reviewers see that a key changed
 * without seeing it.
 */
export function maskPair(base: KubeObject | undefined, head: KubeObject | undefined, registry?: SecretRegistry): [KubeObject | undefined, KubeObject | undefined] {
  const b = base ? structuredClone(base) : undefined;
  const h = head ? structuredClone(head) : undefined;
  for (const [target, other, side] of [[b, head, "before"], [h, base, "after"]] as const) {
    if (target) maskObject(target, other, side, registry);
  }
  return [b, h];
}

export function maskOne(object: KubeObject, registry?: SecretRegistry): KubeObject {
  const copy = structuredClone(object);
  maskObject(copy, undefined, undefined, registry);
  return copy;
}

/** Registers an object's secret values without masking it (used when loading). */
export function registerSecrets(object: KubeObject, registry: SecretRegistry): void {
  maskObject(structuredClone(object), undefined, undefined, registry);
}

function maskObject(target: KubeObject, other: KubeObject | undefined, side: Side | undefined, registry?: SecretRegistry): void {
  const isSecret = target.kind === "Secret" && !target.apiVersion.includes("/");
  if (isSecret) {
    for (const field of ["data", "stringData"]) maskMap(target, other, [field], () => true, side, registry);
    const annotations = target.metadata.annotations;
    if (annotations?.[LAST_APPLIED] !== undefined) {
      registry?.add(annotations[LAST_APPLIED]);
      annotations[LAST_APPLIED] = marker(annotations[LAST_APPLIED], other?.metadata.annotations?.[LAST_APPLIED], side);
    }
  }
  if (target.kind === "ConfigMap") {
    for (const field of ["data", "binaryData"]) maskMap(target, other, [field], looksLikeCredential, side, registry);
  }
  maskEnv(target, other, side, registry);
}

function maskMap(target: KubeObject, other: KubeObject | undefined, path: string[], select: (key: string) => boolean, side: Side | undefined, registry?: SecretRegistry): void {
  const map = get(target, path);
  if (map === null || typeof map !== "object") return;
  const otherMap = other ? get(other, path) : undefined;
  for (const [key, value] of Object.entries(map as Record<string, unknown>)) {
    if (!select(key)) continue;
    registry?.add(value);
    (map as Record<string, unknown>)[key] = marker(value, (otherMap as Record<string, unknown> | undefined)?.[key], side);
  }
}

/** Container env vars with credential-like names: `value` is masked wherever an `env` list appears. */
function maskEnv(node: unknown, other: unknown, side: Side | undefined, registry?: SecretRegistry): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => maskEnv(item, Array.isArray(other) ? other[i] : undefined, side, registry));
    return;
  }
  if (node === null || typeof node !== "object") return;
  const record = node as Record<string, unknown>;
  for (const [key, value] of Object.entries(record)) {
    const otherValue = (other as Record<string, unknown> | undefined)?.[key];
    if (key === "env" && Array.isArray(value)) {
      const otherEnv = Array.isArray(otherValue) ? (otherValue as Array<Record<string, unknown>>) : [];
      for (const entry of value as Array<Record<string, unknown>>) {
        if (entry && typeof entry.name === "string" && "value" in entry && looksLikeCredential(entry.name)) {
          registry?.add(entry.value);
          entry.value = marker(entry.value, otherEnv.find((e) => e?.name === entry.name)?.value, side);
        }
      }
    } else {
      maskEnv(value, otherValue, side, registry);
    }
  }
}

function marker(value: unknown, otherValue: unknown, side: Side | undefined): string {
  if (side === undefined || JSON.stringify(value) === JSON.stringify(otherValue)) return MASK;
  return `${MASK} (${side})`;
}

function get(root: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, seg) => (node && typeof node === "object" ? (node as Record<string, unknown>)[seg] : undefined), root);
}
