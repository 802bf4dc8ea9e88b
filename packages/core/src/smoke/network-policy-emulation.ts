/**
 * NetworkPolicies in staging. No CNI runs (no pods, no kubelet), so nothing would enforce them;
 * instead kubegate evaluates each side's policies for the path that matters to routes, ingress
 * controller pods -> backend pods on their target port, with the same evaluator as the static
 * rule network-policy-isolates-ingress (Kubernetes and Calico policies, tiers, default deny), and
 * makes the stand-in of a denied backend port reset every connection. The controller then fails
 * those routes the way it would in the cluster (a refused upstream instead of a timeout), and
 * they show up as regressions at the stage where the policy arrives (incident 003).
 *
 * The identity of the traffic is the controller the manifests declare, even when staging runs a
 * stock Traefik in its place. Without a declared controller there is no identity to judge, and
 * nothing is emulated (noted).
 */
import type { ManifestSet } from "../model/manifest.js";
import { describeRef } from "../normalize/index.js";
import { backendTargets, controllerSources } from "../rules/network-policy-isolates-ingress/endpoints.js";
import { policyModels } from "../rules/network-policy-isolates-ingress/policies.js";
import { calicoTiers, evaluateFlow } from "../rules/network-policy-isolates-ingress/verdict.js";
import type { StandinPlan } from "../stage/standins/plan.js";

export interface RefusedBackend {
  /** The stand-in listener that resets connections. */
  address: string;
  port: number;
  /** "portal/portal" */
  service: string;
  /** Why, in one line: which policy denies which controller. */
  reason: string;
}

export interface PolicyEmulation {
  refused: RefusedBackend[];
  notes: string[];
}

export function emulateNetworkPolicies(set: ManifestSet, plan: StandinPlan): PolicyEmulation {
  const policies = policyModels(set);
  if (policies.length === 0) return { refused: [], notes: [] };
  const sources = controllerSources(set, []);
  if (sources.length === 0) {
    return { refused: [], notes: ["NetworkPolicies are not emulated: the manifests declare no ingress controller whose pods they could be judged against"] };
  }
  const tiers = calicoTiers(set);
  const refused: RefusedBackend[] = [];
  for (const service of plan.services) {
    if (!set.byKey.has(`/Service/${service.namespace}/${service.name}`)) continue;
    const seen = new Set<number>();
    for (const port of service.ports) {
      if (port.protocol !== "TCP" || seen.has(port.targetPort)) continue;
      seen.add(port.targetPort);
      const targets = backendTargets(set, { kind: "Service", namespace: service.namespace, name: service.name, port: port.port });
      if (targets.length === 0) continue;
      // Refused only when every backend pod denies every controller: a partial cut is left to the static rule.
      const verdicts = targets.flatMap((target) => sources.map((source) => ({ source, verdict: evaluateFlow(policies, tiers, source, target) })));
      if (!verdicts.every(({ verdict }) => verdict.result === "deny")) continue;
      const { source, verdict } = verdicts[0]!;
      const policy = verdict.decidedBy ?? verdict.isolatedBy[0];
      const by = policy ? describeRef(policy.manifest.ref) : "a network policy";
      refused.push({
        address: service.address,
        port: port.targetPort,
        service: `${service.namespace}/${service.name}`,
        reason: `${by} denies ${source.label} -> ${service.namespace}/${service.name} port ${port.targetPort} (emulated at the stand-in)`,
      });
    }
  }
  return { refused, notes: [] };
}
