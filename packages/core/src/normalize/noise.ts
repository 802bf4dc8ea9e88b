import type { KubeObject } from "../model/kube-object.js";

/** Fields the API server owns: they differ between any two reads and never mean a change. */
const METADATA_NOISE = ["managedFields", "resourceVersion", "uid", "creationTimestamp", "generation", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"];
const ANNOTATION_NOISE = ["deployment.kubernetes.io/revision", "kubectl.kubernetes.io/restartedAt"];

/** Returns a deep copy without status and server-owned metadata. */
export function dropNoise(object: KubeObject): KubeObject {
  const copy = structuredClone(object);
  delete copy.status;
  for (const field of METADATA_NOISE) delete copy.metadata[field];
  const annotations = copy.metadata.annotations;
  if (annotations) {
    for (const key of ANNOTATION_NOISE) delete annotations[key];
    if (Object.keys(annotations).length === 0) delete copy.metadata.annotations;
  }
  if (copy.metadata.labels && Object.keys(copy.metadata.labels).length === 0) delete copy.metadata.labels;
  return copy;
}
