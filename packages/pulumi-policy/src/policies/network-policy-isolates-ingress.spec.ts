import type { KubeObject } from "@kubegate/core";
import { describe, expect, it } from "vitest";
import { expectOneViolation, expectPolicyMeta } from "../testing/expect-policy.js";
import { runStackPolicy, stackArgs, urnOf } from "../testing/policy-args.js";
import { networkPolicyIsolatesIngress as policy } from "./network-policy-isolates-ingress.js";

/** Traefik routes to the shop; the shop's NetworkPolicy admits the traefik namespace. */
function goodStack(): KubeObject[] {
  return [
    {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "traefik", namespace: "traefik" },
      spec: {
        replicas: 2,
        selector: { matchLabels: { app: "traefik" } },
        template: { metadata: { labels: { app: "traefik" } }, spec: { containers: [{ name: "traefik", image: "traefik:v3.6.15", args: ["--providers.kubernetesingress"] }] } },
      },
    },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "shop", namespace: "shop" },
      spec: { rules: [{ host: "shop.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "shop", port: { number: 80 } } } }] } }] },
    },
    {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "shop", namespace: "shop" },
      spec: { selector: { app: "shop" }, ports: [{ name: "http", port: 80, targetPort: 8080 }] },
    },
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      metadata: { name: "shop-from-traefik", namespace: "shop" },
      spec: {
        podSelector: { matchLabels: { app: "shop" } },
        policyTypes: ["Ingress"],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "traefik" } } }], ports: [{ port: 8080 }] }],
      },
    },
  ];
}

describe("network-policy-isolates-ingress policy", () => {
  it("has its name, description, enforcement level and config schema", () => {
    expectPolicyMeta(policy, "network-policy-isolates-ingress", "mandatory");
  });

  it("passes a NetworkPolicy that admits the controller's namespace", async () => {
    expect(await runStackPolicy(policy, stackArgs(goodStack()))).toEqual([]);
  });

  it("reports the NetworkPolicy when it admits another namespace", async () => {
    const stack = goodStack();
    (stack[3]!.spec as any).ingress[0].from[0].namespaceSelector.matchLabels["kubernetes.io/metadata.name"] = "monitoring";
    expectOneViolation(await runStackPolicy(policy, stackArgs(stack)), urnOf(stack[3]!), "network-policy-isolates-ingress", /NetworkPolicy shop\/shop-from-traefik/);
  });
});
