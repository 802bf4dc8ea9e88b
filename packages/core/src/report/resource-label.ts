import type { ResourceRef } from "../model/kube-object.js";
import type { Change } from "../model/change.js";
import { describeRef } from "../normalize/normalize.js";

export function changeRef(change: Change): ResourceRef {
  return (change.head ?? change.base)!.ref;
}

export function changeLabel(change: Change): string {
  return describeRef(changeRef(change));
}

/** Paths that changed, as the JSON contract lists them. */
export function changePaths(change: Change): string[] {
  return change.fields.map((f) => f.path);
}
