import type { Rule } from "./rule.js";
import crdChange from "./crd-change/index.js";
import crdDelete from "./crd-delete/index.js";
import crdInstall from "./crd-install/index.js";
import customResourceInvalid from "./custom-resource-invalid/index.js";
import crdWithoutSchema from "./crd-without-schema/index.js";
import acmeStorageEphemeral from "./acme-storage-ephemeral/index.js";
import admissionWebhookFailClosed from "./admission-webhook-fail-closed/index.js";
import apiVersionRemoved from "./api-version-removed/index.js";
import ingressControllerDisrupted from "./ingress-controller-disrupted/index.js";
import loadbalancerRecreated from "./loadbalancer-recreated/index.js";
import externalTrafficPolicyChanged from "./external-traffic-policy-changed/index.js";
import networkPolicyIsolatesIngress from "./network-policy-isolates-ingress/index.js";
import routeBackendMissing from "./route-backend-missing/index.js";
import serviceSelectsNoPods from "./service-selects-no-pods/index.js";
import ingressClassUnserved from "./ingress-class-unserved/index.js";
import traefikRuleSyntax from "./traefik-rule-syntax/index.js";
import schemaInvalid from "./schema-invalid/index.js";
import tlsSourceChanged from "./tls-source-changed/index.js";
import tlsCoverageLost from "./tls-coverage-lost/index.js";
import certIssuerDeleted from "./cert-issuer-deleted/index.js";
import globalDefaultsBlastRadius from "./global-defaults-blast-radius/index.js";
import helmRenderFailed from "./helm-render-failed/index.js";
import helmValuesConflict from "./helm-values-conflict/index.js";
import objectDefinedTwice from "./object-defined-twice/index.js";

/** Every rule, in report order. A convention test keeps this list equal to the rule folders. */
export const RULES: readonly Rule[] = [crdInstall, crdChange, crdDelete, crdWithoutSchema, customResourceInvalid, schemaInvalid, objectDefinedTwice, apiVersionRemoved, routeBackendMissing, serviceSelectsNoPods, ingressClassUnserved, traefikRuleSyntax, loadbalancerRecreated, externalTrafficPolicyChanged, ingressControllerDisrupted, tlsSourceChanged, tlsCoverageLost, certIssuerDeleted, networkPolicyIsolatesIngress, acmeStorageEphemeral, admissionWebhookFailClosed, helmRenderFailed, globalDefaultsBlastRadius, helmValuesConflict];

export function findRule(id: string): Rule | undefined {
  return RULES.find((r) => r.meta.id === id);
}

export { defineRule, INCIDENTS, DEFAULT_KUBE_VERSION, type Rule, type RuleMeta, type RuleContext, type RuleOptions, type IncidentId } from "./rule.js";
export { runRules, ACK_ANNOTATION, type RuleFailure } from "./run-rules.js";
