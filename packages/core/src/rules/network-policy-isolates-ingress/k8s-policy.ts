import type { Manifest } from "../../model/manifest.js";
import { matchesSelector, type LabelSelector } from "../../workloads/index.js";
import { cidrAdmitsPods } from "./cidr.js";
import type { Source, Target } from "./endpoints.js";
import { DEFAULT_TIER, K8S_POLICY_ORDER, type PolicyModel, type RuleOutcome } from "./policy-model.js";
import { isTcp, portEntryMatches } from "./ports.js";
import { and3, or3, type Tri } from "./tri.js";

type Peer = { podSelector?: LabelSelector; namespaceSelector?: LabelSelector; ipBlock?: { cidr: string; except?: string[] } };
type Port = { protocol?: string; port?: number | string; endPort?: number };
type Spec = { podSelector?: LabelSelector; policyTypes?: string[]; ingress?: Array<{ from?: Peer[]; ports?: Port[] }> };

/** networking.k8s.io NetworkPolicy: additive allow rules for the pods its podSelector picks. */
export function k8sPolicy(manifest: Manifest): PolicyModel {
  const spec = (manifest.object.spec ?? {}) as Spec;
  const namespace = manifest.ref.namespace ?? "default";
  // Without policyTypes, Ingress is always in effect (Egress only when egress rules exist).
  const ingressType = spec.policyTypes ? spec.policyTypes.includes("Ingress") : true;
  return {
    manifest,
    tier: DEFAULT_TIER,
    order: K8S_POLICY_ORDER,
    appliesTo: (target) => ingressType && target.namespace === namespace && matchesSelector(spec.podSelector ?? {}, target.podLabels),
    ingressFrom(source, target): RuleOutcome {
      const result = or3((spec.ingress ?? []).map((rule) => and3(or3Peers(rule.from, namespace, source), portsMatch(rule.ports, target))));
      return result === true ? "allow" : result === "maybe" ? "unknown" : "next";
    },
  };
}

/** An absent or empty `from` allows every source. */
function or3Peers(from: Peer[] | undefined, policyNamespace: string, source: Source): Tri {
  if (!from || from.length === 0) return true;
  return or3(from.map((peer) => peerMatches(peer, policyNamespace, source)));
}

function peerMatches(peer: Peer, policyNamespace: string, source: Source): Tri {
  if (peer.ipBlock) {
    const admits = cidrAdmitsPods(peer.ipBlock.cidr);
    // `0.0.0.0/0 except 10.0.0.0/8` is the usual "internet, not the cluster": cannot decide.
    return admits === true && (peer.ipBlock.except ?? []).some((e) => cidrAdmitsPods(e) !== false) ? "maybe" : admits;
  }
  if (!peer.podSelector && !peer.namespaceSelector) return true;
  if (source.hostNetwork) return "maybe";
  if (!source.known) {
    if (!peer.namespaceSelector) return false;
    return isEmpty(peer.namespaceSelector) && (!peer.podSelector || isEmpty(peer.podSelector)) ? true : "maybe";
  }
  const namespaceOk = peer.namespaceSelector ? matchesSelector(peer.namespaceSelector, source.namespaceLabels) : source.namespace === policyNamespace;
  const podOk = peer.podSelector ? matchesSelector(peer.podSelector, source.podLabels) : true;
  return namespaceOk && podOk;
}

/** Absent or empty `ports` allows every port; otherwise the backend's target port must be listed. */
function portsMatch(ports: Port[] | undefined, target: Target): Tri {
  if (!ports || ports.length === 0) return true;
  return or3(ports.map((p) => (isTcp(p.protocol) ? portEntryMatches(p.port, p.endPort, target.port) : false)));
}

function isEmpty(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}
