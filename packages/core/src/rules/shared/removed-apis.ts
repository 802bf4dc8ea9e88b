/**
 * Built-in API versions that Kubernetes stopped serving, after the official deprecation guide
 * (https://kubernetes.io/docs/reference/using-api/deprecation-guide/). Owned by the
 * `api-version-removed` rule; `schema-invalid` uses it to leave removed APIs to that rule.
 *
 * `deprecatedIn` is the release whose API server first answers with a deprecation warning
 * (the `+k8s:prerelease-lifecycle-gen:deprecated` marker of the type), not the release the
 * replacement appeared in.
 */
export interface RemovedApi {
  apiVersion: string;
  kinds: readonly string[];
  deprecatedIn: string;
  removedIn: string;
  /** Newest first. Empty when the API has no successor (PodSecurityPolicy). */
  replacements: readonly { apiVersion: string; since: string }[];
  /** What a manifest must change besides its apiVersion; shown when notable. */
  notes?: string;
  /** Shown instead of a replacement when there is none. */
  noReplacement?: string;
}

const APPS_V1 = [{ apiVersion: "apps/v1", since: "1.9" }];
const WORKLOAD_NOTES = "spec.selector is required and immutable";
const FLOWCONTROL_KINDS = ["FlowSchema", "PriorityLevelConfiguration"];
const FLOWCONTROL_NOTES = "PriorityLevelConfiguration spec.limited.assuredConcurrencyShares is renamed spec.limited.nominalConcurrencyShares";
const INGRESS_NOTES =
  "spec.backend -> spec.defaultBackend, backend.serviceName -> backend.service.name, backend.servicePort -> backend.service.port.number (or .name), and every path needs a pathType (Prefix, Exact or ImplementationSpecific)";

export const REMOVED_APIS: readonly RemovedApi[] = [
  // 1.16
  { apiVersion: "extensions/v1beta1", kinds: ["Deployment", "DaemonSet", "ReplicaSet"], deprecatedIn: "1.9", removedIn: "1.16", replacements: APPS_V1, notes: WORKLOAD_NOTES },
  { apiVersion: "apps/v1beta1", kinds: ["Deployment", "StatefulSet", "ReplicaSet"], deprecatedIn: "1.9", removedIn: "1.16", replacements: APPS_V1, notes: WORKLOAD_NOTES },
  { apiVersion: "apps/v1beta2", kinds: ["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet"], deprecatedIn: "1.9", removedIn: "1.16", replacements: APPS_V1, notes: WORKLOAD_NOTES },
  { apiVersion: "extensions/v1beta1", kinds: ["NetworkPolicy"], deprecatedIn: "1.9", removedIn: "1.16", replacements: [{ apiVersion: "networking.k8s.io/v1", since: "1.8" }] },
  { apiVersion: "extensions/v1beta1", kinds: ["PodSecurityPolicy"], deprecatedIn: "1.11", removedIn: "1.16", replacements: [{ apiVersion: "policy/v1beta1", since: "1.10" }] },
  // 1.22
  { apiVersion: "extensions/v1beta1", kinds: ["Ingress"], deprecatedIn: "1.14", removedIn: "1.22", replacements: [{ apiVersion: "networking.k8s.io/v1", since: "1.19" }], notes: INGRESS_NOTES },
  { apiVersion: "networking.k8s.io/v1beta1", kinds: ["Ingress"], deprecatedIn: "1.19", removedIn: "1.22", replacements: [{ apiVersion: "networking.k8s.io/v1", since: "1.19" }], notes: INGRESS_NOTES },
  { apiVersion: "networking.k8s.io/v1beta1", kinds: ["IngressClass"], deprecatedIn: "1.19", removedIn: "1.22", replacements: [{ apiVersion: "networking.k8s.io/v1", since: "1.19" }] },
  {
    apiVersion: "apiextensions.k8s.io/v1beta1",
    kinds: ["CustomResourceDefinition"],
    deprecatedIn: "1.16",
    removedIn: "1.22",
    replacements: [{ apiVersion: "apiextensions.k8s.io/v1", since: "1.16" }],
    notes: "spec.scope is required, spec.version/validation/subresources/additionalPrinterColumns move into spec.versions[*], every version needs a structural schema.openAPIV3Schema, preserveUnknownFields: true is not allowed",
  },
  {
    apiVersion: "admissionregistration.k8s.io/v1beta1",
    kinds: ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"],
    deprecatedIn: "1.16",
    removedIn: "1.22",
    replacements: [{ apiVersion: "admissionregistration.k8s.io/v1", since: "1.16" }],
    notes: "webhooks[*].sideEffects and admissionReviewVersions are required; failurePolicy defaults to Fail (was Ignore) and timeoutSeconds to 10s (was 30s)",
  },
  { apiVersion: "apiregistration.k8s.io/v1beta1", kinds: ["APIService"], deprecatedIn: "1.19", removedIn: "1.22", replacements: [{ apiVersion: "apiregistration.k8s.io/v1", since: "1.10" }] },
  { apiVersion: "authentication.k8s.io/v1beta1", kinds: ["TokenReview"], deprecatedIn: "1.19", removedIn: "1.22", replacements: [{ apiVersion: "authentication.k8s.io/v1", since: "1.6" }] },
  {
    apiVersion: "authorization.k8s.io/v1beta1",
    kinds: ["SubjectAccessReview", "LocalSubjectAccessReview", "SelfSubjectAccessReview", "SelfSubjectRulesReview"],
    deprecatedIn: "1.19",
    removedIn: "1.22",
    replacements: [{ apiVersion: "authorization.k8s.io/v1", since: "1.6" }],
    notes: "spec.group is renamed spec.groups",
  },
  {
    apiVersion: "certificates.k8s.io/v1beta1",
    kinds: ["CertificateSigningRequest"],
    deprecatedIn: "1.19",
    removedIn: "1.22",
    replacements: [{ apiVersion: "certificates.k8s.io/v1", since: "1.19" }],
    notes: "spec.signerName and spec.usages are required",
  },
  { apiVersion: "coordination.k8s.io/v1beta1", kinds: ["Lease"], deprecatedIn: "1.19", removedIn: "1.22", replacements: [{ apiVersion: "coordination.k8s.io/v1", since: "1.14" }] },
  { apiVersion: "rbac.authorization.k8s.io/v1beta1", kinds: ["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"], deprecatedIn: "1.17", removedIn: "1.22", replacements: [{ apiVersion: "rbac.authorization.k8s.io/v1", since: "1.8" }] },
  { apiVersion: "scheduling.k8s.io/v1beta1", kinds: ["PriorityClass"], deprecatedIn: "1.14", removedIn: "1.22", replacements: [{ apiVersion: "scheduling.k8s.io/v1", since: "1.14" }] },
  { apiVersion: "storage.k8s.io/v1beta1", kinds: ["CSIDriver", "CSINode", "StorageClass", "VolumeAttachment"], deprecatedIn: "1.19", removedIn: "1.22", replacements: [{ apiVersion: "storage.k8s.io/v1", since: "1.19" }] },
  // Alpha APIs are served only with their feature gate and runtime-config on, but a manifest that
  // uses them stops applying at the release that drops them all the same.
  { apiVersion: "scheduling.k8s.io/v1alpha1", kinds: ["PriorityClass"], deprecatedIn: "1.14", removedIn: "1.17", replacements: [{ apiVersion: "scheduling.k8s.io/v1", since: "1.14" }] },
  { apiVersion: "rbac.authorization.k8s.io/v1alpha1", kinds: ["ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"], deprecatedIn: "1.17", removedIn: "1.22", replacements: [{ apiVersion: "rbac.authorization.k8s.io/v1", since: "1.8" }] },
  // 1.25
  { apiVersion: "batch/v1beta1", kinds: ["CronJob"], deprecatedIn: "1.21", removedIn: "1.25", replacements: [{ apiVersion: "batch/v1", since: "1.21" }] },
  {
    apiVersion: "discovery.k8s.io/v1beta1",
    kinds: ["EndpointSlice"],
    deprecatedIn: "1.21",
    removedIn: "1.25",
    replacements: [{ apiVersion: "discovery.k8s.io/v1", since: "1.21" }],
    notes: "endpoints[*].topology is removed: use endpoints[*].nodeName and endpoints[*].zone",
  },
  {
    apiVersion: "events.k8s.io/v1beta1",
    kinds: ["Event"],
    deprecatedIn: "1.19",
    removedIn: "1.25",
    replacements: [{ apiVersion: "events.k8s.io/v1", since: "1.19" }],
    notes: "type is Normal or Warning; involvedObject -> regarding; firstTimestamp/lastTimestamp/count -> deprecatedFirstTimestamp/deprecatedLastTimestamp/deprecatedCount",
  },
  {
    apiVersion: "autoscaling/v2beta1",
    kinds: ["HorizontalPodAutoscaler"],
    deprecatedIn: "1.22",
    removedIn: "1.25",
    replacements: [{ apiVersion: "autoscaling/v2", since: "1.23" }],
    notes: "targetAverageUtilization -> target.averageUtilization with target.type: Utilization, targetAverageValue -> target.averageValue with target.type: AverageValue",
  },
  {
    apiVersion: "policy/v1beta1",
    kinds: ["PodDisruptionBudget"],
    deprecatedIn: "1.21",
    removedIn: "1.25",
    replacements: [{ apiVersion: "policy/v1", since: "1.21" }],
    notes: "an empty spec.selector ({}) now selects every pod of the namespace (it selected none)",
  },
  {
    apiVersion: "policy/v1beta1",
    kinds: ["PodSecurityPolicy"],
    deprecatedIn: "1.21",
    removedIn: "1.25",
    replacements: [],
    noReplacement: "there is no replacement API: use Pod Security Admission or a third-party admission webhook",
  },
  { apiVersion: "node.k8s.io/v1beta1", kinds: ["RuntimeClass"], deprecatedIn: "1.22", removedIn: "1.25", replacements: [{ apiVersion: "node.k8s.io/v1", since: "1.20" }] },
  // 1.26
  {
    apiVersion: "flowcontrol.apiserver.k8s.io/v1beta1",
    kinds: FLOWCONTROL_KINDS,
    deprecatedIn: "1.23",
    removedIn: "1.26",
    replacements: [
      { apiVersion: "flowcontrol.apiserver.k8s.io/v1", since: "1.29" },
      { apiVersion: "flowcontrol.apiserver.k8s.io/v1beta3", since: "1.26" },
      { apiVersion: "flowcontrol.apiserver.k8s.io/v1beta2", since: "1.23" },
    ],
  },
  { apiVersion: "autoscaling/v2beta2", kinds: ["HorizontalPodAutoscaler"], deprecatedIn: "1.23", removedIn: "1.26", replacements: [{ apiVersion: "autoscaling/v2", since: "1.23" }] },
  // 1.27
  { apiVersion: "storage.k8s.io/v1beta1", kinds: ["CSIStorageCapacity"], deprecatedIn: "1.24", removedIn: "1.27", replacements: [{ apiVersion: "storage.k8s.io/v1", since: "1.24" }] },
  // 1.29
  {
    apiVersion: "flowcontrol.apiserver.k8s.io/v1beta2",
    kinds: FLOWCONTROL_KINDS,
    deprecatedIn: "1.26",
    removedIn: "1.29",
    replacements: [
      { apiVersion: "flowcontrol.apiserver.k8s.io/v1", since: "1.29" },
      { apiVersion: "flowcontrol.apiserver.k8s.io/v1beta3", since: "1.26" },
    ],
    notes: FLOWCONTROL_NOTES,
  },
  // 1.32
  {
    apiVersion: "flowcontrol.apiserver.k8s.io/v1beta3",
    kinds: FLOWCONTROL_KINDS,
    deprecatedIn: "1.29",
    removedIn: "1.32",
    replacements: [{ apiVersion: "flowcontrol.apiserver.k8s.io/v1", since: "1.29" }],
    notes: "PriorityLevelConfiguration spec.limited.nominalConcurrencyShares defaults to 30 only when unset (an explicit 0 stays 0)",
  },
  // 1.33
  {
    apiVersion: "admissionregistration.k8s.io/v1alpha1",
    kinds: ["ValidatingAdmissionPolicy", "ValidatingAdmissionPolicyBinding"],
    deprecatedIn: "1.28",
    removedIn: "1.33",
    replacements: [{ apiVersion: "admissionregistration.k8s.io/v1", since: "1.30" }],
  },
  // 1.34
  {
    apiVersion: "resource.k8s.io/v1alpha3",
    kinds: ["DeviceClass", "ResourceClaim", "ResourceClaimTemplate", "ResourceSlice"],
    deprecatedIn: "1.32",
    removedIn: "1.34",
    replacements: [{ apiVersion: "resource.k8s.io/v1", since: "1.34" }],
  },
  // 1.35
  { apiVersion: "storage.k8s.io/v1alpha1", kinds: ["VolumeAttributesClass"], deprecatedIn: "1.31", removedIn: "1.35", replacements: [{ apiVersion: "storage.k8s.io/v1", since: "1.34" }] },
  // Alpha APIs are not served unless enabled, and are removed without a deprecation release.
  { apiVersion: "storagemigration.k8s.io/v1alpha1", kinds: ["StorageVersionMigration"], deprecatedIn: "1.35", removedIn: "1.35", replacements: [{ apiVersion: "storagemigration.k8s.io/v1beta1", since: "1.35" }] },
  // 1.36
  {
    apiVersion: "resource.k8s.io/v1beta1",
    kinds: ["DeviceClass", "ResourceClaim", "ResourceClaimTemplate", "ResourceSlice"],
    deprecatedIn: "1.33",
    removedIn: "1.36",
    replacements: [{ apiVersion: "resource.k8s.io/v1", since: "1.34" }],
  },
];

export type ApiStatus = { status: "served" } | { status: "deprecated" | "removed"; api: RemovedApi };

/** Whether `apiVersion` + `kind` is still served by Kubernetes `kubeVersion` ("1.22", "v1.22.3"). */
export function apiStatusAt(apiVersion: string, kind: string, kubeVersion: string): ApiStatus {
  const api = REMOVED_APIS.find((a) => a.apiVersion === apiVersion && a.kinds.includes(kind));
  if (!api) return { status: "served" };
  const target = parseKubeVersion(kubeVersion);
  if (compareMinor(target, parseKubeVersion(api.removedIn)) >= 0) return { status: "removed", api };
  if (compareMinor(target, parseKubeVersion(api.deprecatedIn)) >= 0) return { status: "deprecated", api };
  return { status: "served" };
}

/** The newest replacement the target version serves (an older cluster may not have the GA one yet). */
export function replacementAt(api: RemovedApi, kubeVersion: string): { apiVersion: string; since: string } | undefined {
  const target = parseKubeVersion(kubeVersion);
  return api.replacements.find((r) => compareMinor(target, parseKubeVersion(r.since)) >= 0) ?? api.replacements[0];
}

export interface KubeMinor {
  major: number;
  minor: number;
}

export function parseKubeVersion(version: string): KubeMinor {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(version.trim());
  if (!match) throw new Error(`kubeVersion "${version}" is not a Kubernetes version like "1.34"`);
  return { major: Number(match[1]), minor: Number(match[2]) };
}

function compareMinor(a: KubeMinor, b: KubeMinor): number {
  return a.major !== b.major ? a.major - b.major : a.minor - b.minor;
}
