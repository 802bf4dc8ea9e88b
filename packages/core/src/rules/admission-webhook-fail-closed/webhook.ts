import type { KubeObject } from "../../model/kube-object.js";
import type { LabelSelector } from "../../workloads/index.js";

/** One entry of `webhooks` in a Validating/MutatingWebhookConfiguration. */
export interface Webhook {
  name: string;
  clientConfig?: { service?: { namespace?: string; name?: string; port?: number }; url?: string };
  rules?: WebhookRule[];
  failurePolicy?: string;
  namespaceSelector?: LabelSelector;
  objectSelector?: LabelSelector;
  timeoutSeconds?: number;
  matchConditions?: Array<{ name?: string; expression?: string }>;
}

export interface WebhookRule {
  operations?: string[];
  apiGroups?: string[];
  apiVersions?: string[];
  resources?: string[];
  scope?: string;
}

export function webhooksOf(object: KubeObject): Webhook[] {
  const webhooks = object.webhooks;
  return Array.isArray(webhooks) ? (webhooks as Webhook[]).filter((w) => w && typeof w.name === "string") : [];
}

/** admissionregistration.k8s.io/v1 defaults failurePolicy to Fail; the removed v1beta1 defaulted to Ignore. */
export function failsClosed(apiVersion: string, webhook: Webhook): boolean {
  return (webhook.failurePolicy ?? (apiVersion.endsWith("/v1beta1") ? "Ignore" : "Fail")) === "Fail";
}

/** "Service webhooks/guard" or the URL's host (never its path or query: they may carry tokens). */
export function describeBackend(webhook: Webhook, namespaceOfConfig = "default"): string {
  const service = webhook.clientConfig?.service;
  if (service?.name) return `Service ${service.namespace ?? namespaceOfConfig}/${service.name}`;
  const url = webhook.clientConfig?.url;
  if (url) {
    try {
      return `endpoint ${new URL(url).host}`;
    } catch {
      return "its endpoint";
    }
  }
  return "its endpoint";
}
