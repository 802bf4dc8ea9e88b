import { findRule, type Rule, type Severity } from "@kubegate/core";
import type { EnforcementLevel, PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { toLocatedObject } from "./kube-object.js";
import { CONFIG_SCHEMA, type KubegatePolicyConfig } from "./policy-config.js";
import { runRule } from "./run-rule.js";

export interface KubegatePolicyOptions {
  /** The core rule the policy runs (its id is the policy's name). */
  rule: string;
  /** Default: mandatory for rules whose default severity blocks in kubegate (high, critical). */
  enforcementLevel?: EnforcementLevel;
}

const BLOCKING: ReadonlySet<Severity> = new Set(["high", "critical"]);

function coreRule(id: string): Rule {
  const rule = findRule(id);
  if (!rule) throw new Error(`no kubegate rule ${id}`);
  return rule;
}

function common(rule: Rule, options: KubegatePolicyOptions) {
  return {
    name: rule.meta.id,
    description: `${rule.meta.summary} (kubegate rule ${rule.meta.id})`,
    enforcementLevel: options.enforcementLevel ?? (BLOCKING.has(rule.meta.severity) ? "mandatory" : "advisory"),
    configSchema: CONFIG_SCHEMA,
  } as const;
}

/**
 * What one object shows on its own: the core rule runs on a change that creates just this
 * resource (head = the object, base = nothing).
 */
export function resourcePolicy(options: KubegatePolicyOptions): ResourceValidationPolicy {
  const rule = coreRule(options.rule);
  return {
    ...common(rule, options),
    validateResource: async (args, reportViolation) => {
      const object = toLocatedObject(args.type, args.props, args.urn);
      if (!object) return;
      for (const v of await runRule(rule, [], [object], args.getConfig<KubegatePolicyConfig>())) reportViolation(v.message, v.urn || args.urn);
    },
  };
}

/**
 * What needs the whole stack (routes and their Services, NetworkPolicies and the controller):
 * the head is every Kubernetes resource of the stack, one run per provider (cluster).
 * CrossGuard shows no old state, so base is empty: rules that compare old and new only see
 * what the new stack shows (`kubegate check --pulumi-preview` sees both).
 */
export function stackPolicy(options: KubegatePolicyOptions): StackValidationPolicy {
  const rule = coreRule(options.rule);
  return {
    ...common(rule, options),
    validateStack: async (args, reportViolation) => {
      const config = args.getConfig<KubegatePolicyConfig>();
      for (const resources of byCluster(args.resources).values()) {
        const head = resources.flatMap((r) => toLocatedObject(r.type, r.props, r.urn) ?? []);
        if (head.length === 0) continue;
        for (const v of await runRule(rule, [], head, config)) reportViolation(v.message, v.urn || undefined);
      }
    },
  };
}

/** Objects of different providers live in different clusters: same name is no conflict there. */
function byCluster(resources: PolicyResource[]): Map<string, PolicyResource[]> {
  const groups = new Map<string, PolicyResource[]>();
  for (const r of resources) {
    const key = r.provider?.urn ?? "";
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return groups;
}
