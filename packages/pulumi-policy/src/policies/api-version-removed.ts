import { resourcePolicy } from "../define-policy.js";

/** An object in an API version the target Kubernetes (config kubeVersion) no longer serves (incident 001). */
export const apiVersionRemoved = resourcePolicy({ rule: "api-version-removed" });
