import type { Manifest, ManifestSet } from "../../model/manifest.js";
import { describeRef } from "../../normalize/index.js";
import { routeTable, type Route, type RouteBackend } from "../../routes/index.js";
import { defineRule } from "../rule.js";
import { backendTargets, controllerSources, sourcesForRoute, type Source, type Target } from "./endpoints.js";
import { policyModels } from "./policies.js";
import type { PolicyModel } from "./policy-model.js";
import { calicoTiers, evaluateFlow, type Verdict } from "./verdict.js";

export default defineRule({
  meta: {
    id: "network-policy-isolates-ingress",
    severity: "critical",
    summary: "A network policy selects the backends of live routes and does not allow traffic from the ingress controller.",
    incidents: ["003"],
    remediation:
      "Add an ingress rule that allows the ingress controller's namespace (namespaceSelector kubernetes.io/metadata.name: <ns>, plus its pod labels) on the backends' target ports, in the same change as the policy; roll default-deny policies out per namespace, after the allow rules.",
  },
  check({ head, changes, options, report }) {
    const policies = policyModels(head);
    const changed = new Set(changes.filter((c) => c.op !== "delete" && c.head).map((c) => c.key));
    const candidates = policies.filter((p) => changed.has(p.manifest.key));
    if (candidates.length === 0) return;
    const tiers = calicoTiers(head);
    const sources = controllerSources(head, options.ingressControllers);
    const routes = routeTable(head);
    const targetsOf = memoTargets(head);
    for (const policy of candidates) {
      const cut: CutRoute[] = [];
      for (const route of routes) {
        const routeSources = sourcesForRoute(route, sources);
        for (const target of route.backends.flatMap(targetsOf)) {
          if (policy.appliesTo(target) !== true) continue;
          const verdicts = routeSources.map((source) => ({ source, verdict: evaluateFlow(policies, tiers, source, target) }));
          if (!verdicts.every(({ verdict }) => isolates(verdict, policy))) continue;
          cut.push({ route, target, sources: routeSources, explicitDeny: verdicts.some(({ verdict }) => verdict.decidedBy === policy) });
          break;
        }
      }
      if (cut.length > 0) report({ manifest: policy.manifest, message: message(policy.manifest, cut) });
    }
  },
});

interface CutRoute {
  route: Route;
  target: Target;
  sources: Source[];
  explicitDeny: boolean;
}

/** The changed policy is to blame when it denies the flow itself or is among the policies isolating the pods at a tier's default deny. */
function isolates(verdict: Verdict, policy: PolicyModel): boolean {
  return verdict.result === "deny" && verdict.isolatedBy.includes(policy);
}

function memoTargets(set: ManifestSet): (backend: RouteBackend) => Target[] {
  const cache = new Map<string, Target[]>();
  return (backend) => {
    const key = `${backend.kind}/${backend.namespace}/${backend.name}/${backend.port ?? ""}`;
    if (!cache.has(key)) cache.set(key, backendTargets(set, backend));
    return cache.get(key)!;
  };
}

const MAX_LISTED = 5;

function message(policy: Manifest, cut: CutRoute[]): string {
  const routes = cut.slice(0, MAX_LISTED).map(({ route, target }) => {
    const hosts = route.hosts.join(",") || "*";
    const port = target.port?.number !== undefined ? `, pod port ${target.port.number}` : target.servicePort !== undefined ? ` port ${target.servicePort}` : "";
    return `${hosts}${route.path?.value ?? ""} (${describeRef(target.service.ref)}${port})`;
  });
  const more = cut.length > MAX_LISTED ? ` and ${cut.length - MAX_LISTED} more` : "";
  const sources = [...new Map(cut.flatMap((c) => c.sources).map((s) => [s.label, s])).values()];
  const controllers = sources.map((s) => (s.known ? `${s.label} (namespace ${s.namespace})` : s.label)).join(", ");
  const why = cut.some((c) => c.explicitDeny)
    ? "a Deny rule in it matches the controller's traffic before anything allows it"
    : "neither it nor any other policy selecting those pods allows the controller's traffic to their port";
  return (
    `${describeRef(policy.ref)} cuts the ingress controller ${controllers} off from the backends of ${cut.length} route${cut.length > 1 ? "s" : ""}: ` +
    `${routes.join(", ")}${more}. It selects those pods for Ingress and ${why}, so requests to these hosts time out (incident 003: a Calico install blocked cross-namespace traffic and every route)`
  );
}
