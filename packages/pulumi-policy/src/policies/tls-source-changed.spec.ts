import type { KubeObject } from "@kubegate/core";
import { describe, expect, it } from "vitest";
import { expectOneViolation, expectPolicyMeta } from "../testing/expect-policy.js";
import { runStackPolicy, stackArgs, urnOf } from "../testing/policy-args.js";
import { tlsSourceChanged as policy } from "./tls-source-changed.js";

/** An Ingress terminating TLS with a Secret that a cert-manager Certificate fills for its host. */
function goodStack(): KubeObject[] {
  return [
    {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "shop", namespace: "shop" },
      spec: {
        tls: [{ hosts: ["shop.example.com"], secretName: "shop-tls" }],
        rules: [{ host: "shop.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "shop", port: { number: 80 } } } }] } }],
      },
    },
    {
      apiVersion: "cert-manager.io/v1",
      kind: "Certificate",
      metadata: { name: "shop", namespace: "shop" },
      spec: { secretName: "shop-tls", dnsNames: ["shop.example.com"], issuerRef: { kind: "ClusterIssuer", name: "letsencrypt" } },
    },
  ];
}

describe("tls-source-changed policy", () => {
  it("has its name, description, enforcement level and config schema", () => {
    expectPolicyMeta(policy, "tls-source-changed", "mandatory");
  });

  it("passes a Certificate that names the host", async () => {
    expect(await runStackPolicy(policy, stackArgs(goodStack()))).toEqual([]);
  });

  it("reports the Ingress when the Certificate names another host", async () => {
    const stack = goodStack();
    (stack[1]!.spec as any).dnsNames = ["www.example.com"];
    expectOneViolation(await runStackPolicy(policy, stackArgs(stack)), urnOf(stack[0]!), "tls-source-changed", /shop\.example\.com .*Secret shop\/shop-tls/);
  });
});
