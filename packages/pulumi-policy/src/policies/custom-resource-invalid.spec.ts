import type { KubeObject } from "@kubegate/core";
import { describe, expect, it } from "vitest";
import { expectOneViolation, expectPolicyMeta } from "../testing/expect-policy.js";
import { resourceArgs, runResourcePolicy, urnOf } from "../testing/policy-args.js";
import { customResourceInvalid as policy } from "./custom-resource-invalid.js";

function goodRoute(): KubeObject {
  return {
    apiVersion: "traefik.io/v1alpha1",
    kind: "IngressRoute",
    metadata: { name: "admin", namespace: "admin" },
    spec: {
      entryPoints: ["websecure"],
      routes: [{ match: "Host(`admin.example.com`)", kind: "Rule", middlewares: [{ name: "admin-basic-auth" }], services: [{ name: "admin", port: 8080 }] }],
    },
  };
}

describe("custom-resource-invalid policy", () => {
  it("has its name, description, enforcement level and config schema", () => {
    expectPolicyMeta(policy, "custom-resource-invalid", "mandatory");
  });

  it("passes a valid Traefik IngressRoute", async () => {
    expect(await runResourcePolicy(policy, resourceArgs(goodRoute()))).toEqual([]);
  });

  it("reports middlewares given as a string instead of a list", async () => {
    const route = goodRoute();
    (route.spec as any).routes[0].middlewares = "admin-basic-auth";
    expectOneViolation(await runResourcePolicy(policy, resourceArgs(route)), urnOf(route), "custom-resource-invalid", /IngressRoute admin\/admin/);
  });
});
