import type { KubeObject } from "@kubegate/core";
import { describe, expect, it } from "vitest";
import { expectOneViolation, expectPolicyMeta } from "../testing/expect-policy.js";
import { runStackPolicy, stackArgs, urnOf } from "../testing/policy-args.js";
import { ingressControllerDisrupted as policy } from "./ingress-controller-disrupted.js";

/** Traefik with two replicas rolled one at a time, and a PodDisruptionBudget. */
function goodStack(): KubeObject[] {
  return [
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "traefik", namespace: "traefik" },
      spec: {
        replicas: 2,
        strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
        selector: { matchLabels: { app: "traefik" } },
        template: { metadata: { labels: { app: "traefik" } }, spec: { containers: [{ name: "traefik", image: "traefik:v3.6.15", args: ["--providers.kubernetesingress"] }] } },
      },
    },
    {
      apiVersion: "policy/v1",
      kind: "PodDisruptionBudget",
      metadata: { name: "traefik", namespace: "traefik" },
      spec: { maxUnavailable: 1, selector: { matchLabels: { app: "traefik" } } },
    },
  ];
}

describe("ingress-controller-disrupted policy", () => {
  it("has its name, description, enforcement level and config schema", () => {
    expectPolicyMeta(policy, "ingress-controller-disrupted", "mandatory");
  });

  it("passes a controller with two replicas and a budget", async () => {
    expect(await runStackPolicy(policy, stackArgs(goodStack()))).toEqual([]);
  });

  it("reports the controller scaled to one replica", async () => {
    const stack = goodStack();
    (stack[0]!.spec as any).replicas = 1;
    expectOneViolation(await runStackPolicy(policy, stackArgs(stack)), urnOf(stack[0]!), "ingress-controller-disrupted", /runs a single replica \(spec\.replicas is 1\)/);
  });

  it("reports nothing when the config lowers the rule to info", async () => {
    const stack = goodStack();
    (stack[0]!.spec as any).replicas = 1;
    expect(await runStackPolicy(policy, stackArgs(stack, { severity: "info" }))).toEqual([]);
  });
});
