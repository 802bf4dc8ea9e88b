import type { Manifest } from "../../model/manifest.js";
import { parseCalicoSelector, type CalicoSelector, type Labels } from "./calico-selector.js";
import { cidrAdmitsPods, cidrIsAll } from "./cidr.js";
import type { Source, Target } from "./endpoints.js";
import { DEFAULT_TIER, type PolicyModel, type RuleOutcome } from "./policy-model.js";
import { calicoPortMatches, isTcp } from "./ports.js";
import { and3, not3, or3, type Tri } from "./tri.js";

type Entity = {
  selector?: string; notSelector?: string; namespaceSelector?: string;
  nets?: string[]; notNets?: string[]; ports?: Array<number | string>; notPorts?: Array<number | string>;
  serviceAccounts?: unknown; services?: unknown;
};
type Rule = { action?: string; protocol?: string | number; notProtocol?: string | number; source?: Entity; destination?: Entity; http?: unknown };
type Spec = {
  tier?: string; order?: number; selector?: string; namespaceSelector?: string; serviceAccountSelector?: string;
  types?: string[]; ingress?: Rule[]; egress?: Rule[]; doNotTrack?: boolean; preDNAT?: boolean;
};

export const CALICO_GROUPS = new Set(["crd.projectcalico.org", "projectcalico.org"]);

/** Calico NetworkPolicy (namespaced) or GlobalNetworkPolicy, crd.projectcalico.org/v1 or projectcalico.org/v3. */
export function calicoPolicy(manifest: Manifest): PolicyModel {
  const spec = (manifest.object.spec ?? {}) as Spec;
  const global = manifest.ref.kind === "GlobalNetworkPolicy";
  const namespace = global ? undefined : (manifest.ref.namespace ?? "default");
  const ingressRules = spec.ingress ?? [];
  // Calico's default for `types`: Ingress, plus Egress when egress rules exist; egress rules alone mean Egress only.
  const types = spec.types ?? (ingressRules.length === 0 && (spec.egress ?? []).length > 0 ? ["Egress"] : ["Ingress"]);
  const ctx: EntityContext = { namespace };
  return {
    manifest,
    tier: spec.tier ?? DEFAULT_TIER,
    order: typeof spec.order === "number" ? spec.order : Number.POSITIVE_INFINITY,
    appliesTo(target): Tri {
      // preDNAT and doNotTrack policies act on host endpoints only.
      if (!types.includes("Ingress") || spec.preDNAT || spec.doNotTrack) return false;
      if (namespace !== undefined && target.namespace !== namespace) return false;
      const namespaceOk = global && spec.namespaceSelector ? select(spec.namespaceSelector, calicoNamespaceLabels(target.namespace, target.namespaceLabels)) : true;
      const podOk = select(spec.selector, calicoPodLabels(target.namespace, target.namespaceLabels, target.podLabels));
      return and3(namespaceOk, podOk, spec.serviceAccountSelector ? "maybe" : true);
    },
    ingressFrom(source, target): RuleOutcome {
      for (const rule of ingressRules) {
        const action = (rule.action ?? "").toLowerCase();
        const matched = ruleMatches(rule, ctx, source, target);
        if (matched === false || action === "log") continue;
        if (matched === "maybe") return "unknown";
        if (action === "allow" || action === "deny" || action === "pass") return action;
        return "unknown";
      }
      return "next";
    },
  };
}

interface EntityContext {
  /** The policy's namespace; undefined for a GlobalNetworkPolicy. */
  namespace: string | undefined;
}

function ruleMatches(rule: Rule, ctx: EntityContext, source: Source, target: Target): Tri {
  if (rule.protocol !== undefined && !isTcp(rule.protocol)) return false;
  if (rule.notProtocol !== undefined && isTcp(rule.notProtocol)) return false;
  return and3(sourceMatches(rule.source ?? {}, ctx, source), destinationMatches(rule.destination ?? {}, target), rule.http ? "maybe" : true);
}

function sourceMatches(e: Entity, ctx: EntityContext, source: Source): Tri {
  const parts: Tri[] = [];
  if (e.serviceAccounts || e.services || e.ports || e.notPorts) parts.push("maybe");
  if (e.nets?.length) parts.push(or3(e.nets.map(cidrAdmitsPods)));
  if (e.notNets?.length) parts.push(e.notNets.some(cidrIsAll) ? false : e.notNets.some((n) => cidrAdmitsPods(n) !== false) ? "maybe" : true);
  if (e.selector !== undefined || e.namespaceSelector !== undefined) parts.push(selectorsMatch(e, ctx, source));
  if (e.notSelector !== undefined) {
    const labels = source.known && !source.hostNetwork ? calicoPodLabels(source.namespace!, source.namespaceLabels, source.podLabels) : undefined;
    parts.push(labels ? not3(select(e.notSelector, labels)) : "maybe");
  }
  return and3(...parts);
}

/** `selector` picks pods in the policy's namespace (any namespace for a global policy) unless `namespaceSelector` says which. */
function selectorsMatch(e: Entity, ctx: EntityContext, source: Source): Tri {
  if (source.hostNetwork) return "maybe";
  if (!source.known) {
    if (e.namespaceSelector !== undefined || ctx.namespace === undefined) return e.selector === undefined && isAll(e.namespaceSelector) ? true : "maybe";
    return false;
  }
  const namespaceOk: Tri = e.namespaceSelector !== undefined
    ? select(e.namespaceSelector, calicoNamespaceLabels(source.namespace!, source.namespaceLabels))
    : ctx.namespace === undefined || ctx.namespace === source.namespace;
  const podOk: Tri = e.selector !== undefined ? select(e.selector, calicoPodLabels(source.namespace!, source.namespaceLabels, source.podLabels)) : true;
  return and3(namespaceOk, podOk);
}

function destinationMatches(e: Entity, target: Target): Tri {
  const parts: Tri[] = [];
  if (e.nets || e.notNets || e.serviceAccounts || e.services || e.namespaceSelector) parts.push("maybe");
  if (e.ports?.length) parts.push(or3(e.ports.map((p) => calicoPortMatches(p, target.port))));
  if (e.notPorts?.length) parts.push(not3(or3(e.notPorts.map((p) => calicoPortMatches(p, target.port)))));
  if (e.selector !== undefined) parts.push(select(e.selector, calicoPodLabels(target.namespace, target.namespaceLabels, target.podLabels)));
  if (e.notSelector !== undefined) parts.push(not3(select(e.notSelector, calicoPodLabels(target.namespace, target.namespaceLabels, target.podLabels))));
  return and3(...parts);
}

const parsed = new Map<string, CalicoSelector | undefined>();

/** A selector kubegate cannot read is "maybe", never a guess. Parsed once: flows are evaluated per route and controller. */
function select(selector: string | undefined, labels: Labels): Tri {
  const text = selector ?? "";
  if (!parsed.has(text)) {
    try {
      parsed.set(text, parseCalicoSelector(text));
    } catch {
      parsed.set(text, undefined);
    }
  }
  const compiled = parsed.get(text);
  return compiled ? compiled(labels) : "maybe";
}

function isAll(selector: string | undefined): boolean {
  return selector === undefined || selector.trim() === "" || selector.trim() === "all()";
}

/** Labels Calico gives a pod endpoint: its own, its namespace's (`pcns.` prefix) and the namespace/orchestrator ones. */
export function calicoPodLabels(namespace: string, namespaceLabels: Labels, podLabels: Labels): Labels {
  const pcns = Object.fromEntries(Object.entries(namespaceLabels).map(([k, v]) => [`pcns.${k}`, v]));
  return { ...pcns, ...podLabels, "projectcalico.org/namespace": namespace, "projectcalico.org/orchestrator": "k8s" };
}

/** Labels a Calico namespaceSelector sees. */
export function calicoNamespaceLabels(namespace: string, namespaceLabels: Labels): Labels {
  return { ...namespaceLabels, "projectcalico.org/name": namespace };
}
