import type { ManifestSet } from "../../model/manifest.js";
import { describeRef } from "../../normalize/index.js";
import { findIngressControllers, matchesSelector, podTemplate, type ControllerSelectorOption } from "../../workloads/index.js";
import { namespaceLabels } from "../shared/namespace-labels.js";
import type { Webhook } from "./webhook.js";

/** A namespace whose pods must always be creatable for ingress to survive a restart. */
export interface ProtectedNamespace {
  namespace: string;
  /** Controllers running there ("Deployment traefik/traefik"); empty for kube-system or a default guess. */
  controllers: string[];
  /** Pod label sets to test an objectSelector with; `{}` stands for pods kubegate does not see. */
  podLabels: Array<Record<string, string>>;
}

/** Namespaces ingress controllers usually live in, used when head holds no controller. */
const DEFAULT_CONTROLLER_NAMESPACES = ["traefik", "ingress-nginx"];

export function protectedNamespaces(set: ManifestSet, explicit: ControllerSelectorOption[]): ProtectedNamespace[] {
  const byName = new Map<string, ProtectedNamespace>();
  const add = (namespace: string, controller?: string, labels?: Record<string, string>): void => {
    const entry = byName.get(namespace) ?? { namespace, controllers: [], podLabels: [] };
    if (controller) entry.controllers.push(controller);
    if (labels) entry.podLabels.push(labels);
    byName.set(namespace, entry);
  };
  // kube-system pods kubegate does not see (kube-proxy, CNI, CoreDNS) stand in as unlabeled pods.
  add("kube-system", undefined, {});
  const controllers = findIngressControllers(set, explicit);
  for (const c of controllers) add(c.manifest.ref.namespace ?? "default", describeRef(c.manifest.ref), podTemplate(c.manifest.object)?.labels ?? {});
  if (controllers.length === 0) for (const ns of DEFAULT_CONTROLLER_NAMESPACES) add(ns);
  const system = byName.get("kube-system")!;
  for (const m of set.manifests) {
    if (m.ref.namespace === "kube-system" && podTemplate(m.object) && !system.controllers.includes(describeRef(m.ref))) system.podLabels.push(podTemplate(m.object)!.labels);
  }
  for (const entry of byName.values()) if (entry.podLabels.length === 0) entry.podLabels.push({});
  return [...byName.values()];
}

/**
 * Does the webhook see pods of `namespace`? Its namespaceSelector is evaluated against the
 * Namespace labels (with the implicit kubernetes.io/metadata.name), its objectSelector against the
 * pods' labels. A matchCondition that names the namespace is taken as excluding it: CEL is not
 * evaluated here, and a wrong "excluded" only costs a missed finding.
 */
export function interceptsPodsIn(set: ManifestSet, webhook: Webhook, namespace: string, podLabels: Array<Record<string, string>>): boolean {
  if (!matchesSelector(webhook.namespaceSelector ?? {}, namespaceLabels(set, namespace))) return false;
  if (!podLabels.some((labels) => matchesSelector(webhook.objectSelector ?? {}, labels))) return false;
  return !(webhook.matchConditions ?? []).some((c) => new RegExp(`["']${escapeRegExp(namespace)}["']`).test(c.expression ?? ""));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
