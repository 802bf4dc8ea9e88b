import { resourcePolicy } from "../define-policy.js";

/** An ingress controller that keeps its ACME certificates on ephemeral storage: every restart re-requests them and runs into rate limits (incident 002). */
export const acmeStorageEphemeral = resourcePolicy({ rule: "acme-storage-ephemeral" });
