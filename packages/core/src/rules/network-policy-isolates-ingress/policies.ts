/**
 * The network policies of a manifest set as evaluable models: Kubernetes NetworkPolicy and
 * Calico's NetworkPolicy/GlobalNetworkPolicy. Shared by this rule and by staging, which emulates
 * the same verdicts at the stand-in backends (smoke/network-policy-emulation.ts).
 */
import type { Manifest, ManifestSet } from "../../model/manifest.js";
import { CALICO_GROUPS, calicoPolicy } from "./calico-policy.js";
import { k8sPolicy } from "./k8s-policy.js";
import type { PolicyModel } from "./policy-model.js";

export function toPolicy(m: Manifest): PolicyModel | undefined {
  if (m.ref.kind === "NetworkPolicy" && m.group === "networking.k8s.io") return k8sPolicy(m);
  if ((m.ref.kind === "NetworkPolicy" || m.ref.kind === "GlobalNetworkPolicy") && CALICO_GROUPS.has(m.group)) return calicoPolicy(m);
  return undefined;
}

export function policyModels(set: ManifestSet): PolicyModel[] {
  return set.manifests.map(toPolicy).filter((p): p is PolicyModel => !!p);
}
