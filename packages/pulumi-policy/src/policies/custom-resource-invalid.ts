import { resourcePolicy } from "../define-policy.js";

/** A custom resource of a CRD kubegate knows (Traefik, cert-manager, Gateway API) that its schema rejects or its controller misreads (incident 000). */
export const customResourceInvalid = resourcePolicy({ rule: "custom-resource-invalid" });
