import type { KubeObject, ResourceRef, SourceLocation } from "./kube-object.js";

/** One loaded and normalized object together with its identity and provenance. */
export interface Manifest {
  /** Stable identity: canonical group, kind, namespace and name (version-insensitive). */
  key: string;
  ref: ResourceRef;
  /** Canonical API group ("" for the core group). */
  group: string;
  /** The object with noise removed (status, managedFields, ...), namespace defaulted. */
  object: KubeObject;
  source: SourceLocation;
}

/** All objects of one side of a change (base or head), indexed by identity. */
export interface ManifestSet {
  manifests: Manifest[];
  byKey: ReadonlyMap<string, Manifest>;
  /** Objects defined more than once on this side (the last definition is the one kept, as kubectl apply keeps it). */
  redefined?: readonly Redefinition[];
}

/** An object one side defines again: `kept` is the later definition, `earlier` where the one before it was. */
export interface Redefinition {
  kept: Manifest;
  earlier: SourceLocation;
  earlierApiVersion: string;
  /** The two definitions are the same object, field for field. */
  identical: boolean;
}
