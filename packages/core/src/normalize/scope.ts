import type { KubeObject } from "../model/kube-object.js";
import { canonicalGroup } from "./canonical-group.js";

/** Built-in and well-known cluster-scoped kinds, by canonical group. */
const CLUSTER_SCOPED = new Set([
  "/Namespace", "/Node", "/PersistentVolume", "/ComponentStatus",
  "rbac.authorization.k8s.io/ClusterRole", "rbac.authorization.k8s.io/ClusterRoleBinding",
  "apiextensions.k8s.io/CustomResourceDefinition", "apiregistration.k8s.io/APIService",
  "storage.k8s.io/StorageClass", "storage.k8s.io/CSIDriver", "storage.k8s.io/CSINode", "storage.k8s.io/VolumeAttachment",
  "scheduling.k8s.io/PriorityClass", "node.k8s.io/RuntimeClass", "policy/PodSecurityPolicy",
  "admissionregistration.k8s.io/ValidatingWebhookConfiguration", "admissionregistration.k8s.io/MutatingWebhookConfiguration",
  "admissionregistration.k8s.io/ValidatingAdmissionPolicy", "admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding",
  "networking.k8s.io/IngressClass", "networking.k8s.io/IPAddress", "networking.k8s.io/ServiceCIDR",
  "certificates.k8s.io/CertificateSigningRequest", "flowcontrol.apiserver.k8s.io/FlowSchema",
  "flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration",
  "gateway.networking.k8s.io/GatewayClass", "cert-manager.io/ClusterIssuer",
  "crd.projectcalico.org/GlobalNetworkPolicy", "projectcalico.org/GlobalNetworkPolicy",
  "crd.projectcalico.org/GlobalNetworkSet", "crd.projectcalico.org/IPPool", "crd.projectcalico.org/FelixConfiguration",
  "crd.projectcalico.org/BGPConfiguration", "crd.projectcalico.org/ClusterInformation",
]);

/** Knows which kinds are cluster-scoped: the built-in list plus every CRD of the change. */
export class ScopeIndex {
  private readonly clusterScoped = new Set(CLUSTER_SCOPED);
  private readonly namespaced = new Set<string>();

  addCrds(objects: Iterable<KubeObject>): this {
    for (const obj of objects) {
      if (obj.kind !== "CustomResourceDefinition") continue;
      const spec = (obj.spec ?? {}) as { group?: string; scope?: string; names?: { kind?: string } };
      if (!spec.group || !spec.names?.kind) continue;
      const key = `${canonicalGroup(`${spec.group}/v`, spec.names.kind)}/${spec.names.kind}`;
      if (spec.scope === "Cluster") this.clusterScoped.add(key);
      else this.namespaced.add(key);
    }
    return this;
  }

  isClusterScoped(apiVersion: string, kind: string): boolean {
    const key = `${canonicalGroup(apiVersion, kind)}/${kind}`;
    return !this.namespaced.has(key) && this.clusterScoped.has(key);
  }
}
