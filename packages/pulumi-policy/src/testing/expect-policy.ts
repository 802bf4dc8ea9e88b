import { findRule } from "@kubegate/core";
import type { Policy } from "@pulumi/policy";
import { expect } from "vitest";
import type { Reported } from "./policy-args.js";

/** Name, description and enforcement level, as compliance-policies specs assert them. */
export function expectPolicyMeta(policy: Policy, rule: string, enforcementLevel: string): void {
  const meta = findRule(rule)!.meta;
  expect(policy.name).toBe(rule);
  expect(policy.description).toBe(`${meta.summary} (kubegate rule ${rule})`);
  expect(policy.enforcementLevel).toBe(enforcementLevel);
  expect(Object.keys(policy.configSchema?.properties ?? {}).sort()).toEqual(["acknowledge", "kubeVersion", "severity"]);
}

/** Exactly one violation, naming the resource URN and the rule's remediation. */
export function expectOneViolation(reported: Reported[], urn: string, rule: string, text: string | RegExp): void {
  expect(reported).toHaveLength(1);
  const [v] = reported;
  expect(v!.urn).toBe(urn);
  expect(v!.message).toContain(`Resource: ${urn}`);
  expect(v!.message).toContain(`Remediation: ${findRule(rule)!.meta.remediation}`);
  expect(v!.message).toMatch(text);
}
