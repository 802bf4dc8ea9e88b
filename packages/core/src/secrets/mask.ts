import type { KubeObject } from "../model/kube-object.js";
import { applyMask, at, MASK, secretLeaves, type Segment, type SecretLeaf } from "./secret-leaves.js";
import type { SecretRegistry } from "./secret-registry.js";

export { MASK } from "./secret-leaves.js";

type Side = "before" | "after";

/** Positions the loader knows to be secret (Pulumi secrets), carried on the object's source. */
export type SecretPaths = Segment[][];

/**
 * Returns base and head with every secret value replaced (by position: secret-leaves.ts). Like
 * `kubectl diff`, a changed value shows as `*** (before)` / `*** (after)`, so reviewers see that a
 * key changed without seeing it. An object without secrets is returned as is (no copy).
 */
export function maskPair(base: KubeObject | undefined, head: KubeObject | undefined, registry?: SecretRegistry, extra: { base?: SecretPaths; head?: SecretPaths } = {}): [KubeObject | undefined, KubeObject | undefined] {
  return [maskSide(base, head, "before", registry, extra.base), maskSide(head, base, "after", registry, extra.head)];
}

export function maskOne(object: KubeObject, registry?: SecretRegistry, extra?: SecretPaths): KubeObject {
  return maskSide(object, undefined, undefined, registry, extra)!;
}

/** Registers an object's secret values without masking it (used when loading). */
export function registerSecrets(object: KubeObject, registry: SecretRegistry, extra?: SecretPaths): void {
  for (const leaf of secretLeaves(object, extra)) register(leaf, registry);
}

function maskSide(target: KubeObject | undefined, other: KubeObject | undefined, side: Side | undefined, registry?: SecretRegistry, extra?: SecretPaths): KubeObject | undefined {
  if (!target) return undefined;
  const leaves = secretLeaves(target, extra);
  if (leaves.length === 0) return target;
  if (registry) for (const leaf of leaves) register(leaf, registry);
  return applyMask(target, leaves, (leaf) => marker(leaf, other, side)) as KubeObject;
}

/** A partly masked text (last-applied JSON, Argo values YAML) registers its secrets, not the whole text. */
function register(leaf: SecretLeaf, registry: SecretRegistry): void {
  if (leaf.masked === undefined) registry.addAll(leaf.value);
  for (const value of leaf.inner ?? []) registry.addAll(value);
}

function marker(leaf: SecretLeaf, other: KubeObject | undefined, side: Side | undefined): unknown {
  const same = side === undefined || JSON.stringify(leaf.value) === JSON.stringify(at(other, leaf.path));
  if (leaf.masked !== undefined) return same ? leaf.masked : `${leaf.masked} ${MASK} (${side})`;
  return same ? MASK : `${MASK} (${side})`;
}
