import type { Manifest } from "../../model/manifest.js";
import { groupOf } from "../../normalize/index.js";

/**
 * API groups kube-apiserver serves itself. Everything else comes from a CustomResourceDefinition
 * (or an aggregated API). A CRD group that merely ends in `.k8s.io` (gateway.networking.k8s.io)
 * is not built in. builtin-groups.test.ts checks that every group of `kubernetes-models` is here.
 */
export const BUILTIN_GROUPS: ReadonlySet<string> = new Set([
  "",
  "admissionregistration.k8s.io",
  "apiextensions.k8s.io",
  "apiregistration.k8s.io",
  "apps",
  "authentication.k8s.io",
  "authorization.k8s.io",
  "autoscaling",
  "batch",
  "certificates.k8s.io",
  "coordination.k8s.io",
  "discovery.k8s.io",
  "events.k8s.io",
  "extensions",
  "flowcontrol.apiserver.k8s.io",
  "internal.apiserver.k8s.io",
  "networking.k8s.io",
  "node.k8s.io",
  "policy",
  "rbac.authorization.k8s.io",
  "resource.k8s.io",
  "scheduling.k8s.io",
  "storage.k8s.io",
  "storagemigration.k8s.io",
]);

/** True for objects whose kind comes from a CRD rather than from Kubernetes itself. */
export function isCustomResource(manifest: Manifest): boolean {
  return !BUILTIN_GROUPS.has(groupOf(manifest.ref.apiVersion)) && !BUILTIN_GROUPS.has(manifest.group);
}
