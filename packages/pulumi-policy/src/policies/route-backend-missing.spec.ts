import type { KubeObject } from "@kubegate/core";
import { describe, expect, it } from "vitest";
import { expectOneViolation, expectPolicyMeta } from "../testing/expect-policy.js";
import { runStackPolicy, stackArgs, urnOf } from "../testing/policy-args.js";
import { routeBackendMissing as policy } from "./route-backend-missing.js";

/** An Ingress and the Service it routes to. */
function goodStack(): KubeObject[] {
  return [
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
  ];
}

describe("route-backend-missing policy", () => {
  it("has its name, description, enforcement level and config schema", () => {
    expectPolicyMeta(policy, "route-backend-missing", "mandatory");
  });

  it("passes an Ingress whose Service and port exist", async () => {
    expect(await runStackPolicy(policy, stackArgs(goodStack()))).toEqual([]);
  });

  it("reports the Ingress when the Service's port changes", async () => {
    const stack = goodStack();
    (stack[1]!.spec as any).ports[0].port = 8080;
    expectOneViolation(await runStackPolicy(policy, stackArgs(stack)), urnOf(stack[0]!), "route-backend-missing", /shop\.example\.com/);
  });
});
