export { applyManifests, applyPhase, applyBody, apiMessage, describeObject, ApplyError, FIELD_MANAGER, type ApplyOptions, type ApplyResult, type ApplyFailure } from "./apply-manifests.js";
export { RawKubeClient, KubeHttpError, UnknownKindError } from "./raw-client.js";
export { deleteObjects } from "./delete-objects.js";
