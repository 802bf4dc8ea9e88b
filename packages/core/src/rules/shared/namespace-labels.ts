import type { ManifestSet } from "../../model/manifest.js";

/** The label the API server sets on every Namespace (since 1.21), whether the manifest names it or not. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

/**
 * Labels of a namespace as selectors see them: the Namespace object's labels from the set (when
 * the change carries it) plus the implicit `kubernetes.io/metadata.name`.
 * Used by network-policy-isolates-ingress and admission-webhook-fail-closed.
 */
export function namespaceLabels(set: ManifestSet, namespace: string): Record<string, string> {
  const object = set.byKey.get(`/Namespace//${namespace}`)?.object;
  return { ...(object?.metadata.labels ?? {}), [NAMESPACE_NAME_LABEL]: namespace };
}
