import type { KubeObject } from "../model/kube-object.js";
import { canonicalGroup } from "./canonical-group.js";

/**
 * Fields to leave out of the diff, per kind, in the spirit of Argo CD's `ignoreDifferences`:
 * e.g. `spec.replicas` of Deployments managed by an HPA.
 */
export interface IgnoreDifference {
  group?: string;
  kind: string;
  name?: string;
  namespace?: string;
  /** RFC 6901 pointers, e.g. `/spec/replicas`. */
  jsonPointers?: string[];
  /** Dotted paths, e.g. `spec.replicas` or `metadata.annotations.example\.com/x`. */
  paths?: string[];
}

export function applyIgnoreDifferences(object: KubeObject, rules: IgnoreDifference[]): KubeObject {
  const matching = rules.filter((r) => matches(object, r));
  if (matching.length === 0) return object;
  const copy = structuredClone(object);
  for (const rule of matching) {
    for (const pointer of rule.jsonPointers ?? []) removePath(copy, parsePointer(pointer));
    for (const path of rule.paths ?? []) removePath(copy, parseDotted(path));
  }
  return copy;
}

function matches(object: KubeObject, rule: IgnoreDifference): boolean {
  if (rule.kind !== "*" && rule.kind !== object.kind) return false;
  if (rule.group !== undefined && rule.group !== canonicalGroup(object.apiVersion, object.kind)) return false;
  if (rule.name !== undefined && rule.name !== object.metadata.name) return false;
  if (rule.namespace !== undefined && rule.namespace !== object.metadata.namespace) return false;
  return true;
}

function parsePointer(pointer: string): string[] {
  return pointer.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** Splits on dots not escaped with a backslash, so annotation keys with dots can be named. */
function parseDotted(path: string): string[] {
  return path.split(/(?<!\\)\./).map((s) => s.replace(/\\\./g, "."));
}

function removePath(root: unknown, segments: string[]): void {
  let node: unknown = root;
  for (const [i, seg] of segments.entries()) {
    if (node === null || typeof node !== "object") return;
    const container = node as Record<string, unknown>;
    if (i === segments.length - 1) {
      if (Array.isArray(container)) container.splice(Number(seg), 1);
      else delete container[seg];
      return;
    }
    node = container[seg];
  }
}
