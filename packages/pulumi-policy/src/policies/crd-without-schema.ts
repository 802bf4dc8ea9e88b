import { resourcePolicy } from "../define-policy.js";

/** A CustomResourceDefinition version without an OpenAPI schema: the API server accepts any object, and the controller drops what it cannot decode (incident 000). */
export const crdWithoutSchema = resourcePolicy({ rule: "crd-without-schema" });
