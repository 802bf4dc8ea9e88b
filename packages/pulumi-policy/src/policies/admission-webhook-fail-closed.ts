import { resourcePolicy } from "../define-policy.js";

/** An admission webhook that fails closed over the ingress controller's namespace: when its backend is down, no controller pod can start. */
export const admissionWebhookFailClosed = resourcePolicy({ rule: "admission-webhook-fail-closed" });
