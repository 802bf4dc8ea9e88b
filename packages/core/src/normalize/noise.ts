import type { KubeObject } from "../model/kube-object.js";

/** Fields the API server owns: they differ between any two reads and never mean a change. */
const METADATA_NOISE = ["managedFields", "resourceVersion", "uid", "creationTimestamp", "generation", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"];
const ANNOTATION_NOISE = ["deployment.kubernetes.io/revision", "kubectl.kubernetes.io/restartedAt"];

/**
 * Returns a copy without status and server-owned metadata. Only the levels it edits (the object,
 * metadata, annotations) are copied: deep-cloning 10,000 objects cost more than the whole diff.
 * Nested values stay shared with the loaded object, which nothing mutates afterwards.
 */
export function dropNoise(object: KubeObject): KubeObject {
  const copy: KubeObject = { ...object, metadata: { ...object.metadata } };
  delete copy.status;
  for (const field of METADATA_NOISE) delete copy.metadata[field];
  if (copy.metadata.annotations) {
    const annotations = { ...copy.metadata.annotations };
    for (const key of ANNOTATION_NOISE) delete annotations[key];
    if (Object.keys(annotations).length === 0) delete copy.metadata.annotations;
    else copy.metadata.annotations = annotations;
  }
  if (copy.metadata.labels && Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels;
  return copy;
}
