import type { Policies } from "@pulumi/policy";
import { acmeStorageEphemeral } from "./acme-storage-ephemeral.js";
import { admissionWebhookFailClosed } from "./admission-webhook-fail-closed.js";
import { apiVersionRemoved } from "./api-version-removed.js";
import { crdWithoutSchema } from "./crd-without-schema.js";
import { customResourceInvalid } from "./custom-resource-invalid.js";
import { ingressControllerDisrupted } from "./ingress-controller-disrupted.js";
import { networkPolicyIsolatesIngress } from "./network-policy-isolates-ingress.js";
import { routeBackendMissing } from "./route-backend-missing.js";
import { tlsSourceChanged } from "./tls-source-changed.js";

/** Resource policies (what one object shows), then stack policies (what needs the whole stack). */
export const POLICIES: Policies = [
  crdWithoutSchema,
  customResourceInvalid,
  apiVersionRemoved,
  ingressControllerDisrupted,
  acmeStorageEphemeral,
  admissionWebhookFailClosed,
  routeBackendMissing,
  networkPolicyIsolatesIngress,
  tlsSourceChanged,
];

export {
  acmeStorageEphemeral,
  admissionWebhookFailClosed,
  apiVersionRemoved,
  crdWithoutSchema,
  customResourceInvalid,
  ingressControllerDisrupted,
  networkPolicyIsolatesIngress,
  routeBackendMissing,
  tlsSourceChanged,
};
