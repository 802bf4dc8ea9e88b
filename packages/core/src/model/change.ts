import type { Manifest } from "./manifest.js";

export type ChangeOp = "create" | "update" | "delete" | "replace";

/** One field that differs between base and head. Paths use merge keys for lists: `containers[name=app].image`. */
export interface FieldChange {
  path: string;
  kind: "added" | "removed" | "changed";
  before?: unknown;
  after?: unknown;
  /** True when the value is a secret and was masked in before/after. */
  masked?: boolean;
}

export interface Change {
  op: ChangeOp;
  key: string;
  base?: Manifest;
  head?: Manifest;
  fields: FieldChange[];
  /** Why an update is a replace: the immutable fields or the rename that force recreation. */
  replaceReasons: string[];
  /** The GitOps cluster of the change, when it spans several. */
  cluster?: string;
  /** Unified YAML diff of the masked objects. */
  patch: string;
}
