import type { ResourceRef } from "../model/kube-object.js";
import type { Change } from "../model/change.js";
import type { Finding } from "../model/finding.js";
import { describeRef } from "../normalize/normalize.js";

export function changeRef(change: Change): ResourceRef {
  return (change.head ?? change.base)!.ref;
}

/** "Deployment a/b", or "[clusters/production] Deployment a/b" when the change spans several clusters. */
export function changeLabel(change: Change): string {
  return `${change.cluster ? `[${change.cluster}] ` : ""}${describeRef(changeRef(change))}`;
}

/** A finding's resource, with its cluster when the change spans several. */
export function findingLabel(f: Finding): string {
  return `${f.cluster ? `[${f.cluster}] ` : ""}${describeRef(f.resource)}`;
}

/** Paths that changed, as the JSON contract lists them. */
export function changePaths(change: Change): string[] {
  return change.fields.map((f) => f.path);
}
