import type { KubeObject } from "@kubegate/core";
import { describe, expect, it } from "vitest";
import { expectOneViolation, expectPolicyMeta } from "../testing/expect-policy.js";
import { resourceArgs, runResourcePolicy, urnOf } from "../testing/policy-args.js";
import { apiVersionRemoved as policy } from "./api-version-removed.js";

function goodIngress(): KubeObject {
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name: "shop", namespace: "shop" },
    spec: { rules: [{ host: "shop.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "shop", port: { number: 80 } } } }] } }] },
  };
}

describe("api-version-removed policy", () => {
  it("has its name, description, enforcement level and config schema", () => {
    expectPolicyMeta(policy, "api-version-removed", "mandatory");
  });

  it("passes an Ingress in networking.k8s.io/v1", async () => {
    expect(await runResourcePolicy(policy, resourceArgs(goodIngress(), { kubeVersion: "1.22" }))).toEqual([]);
  });

  it("reports the same Ingress in extensions/v1beta1 for Kubernetes 1.22 (config kubeVersion)", async () => {
    const ingress = goodIngress();
    ingress.apiVersion = "extensions/v1beta1";
    expectOneViolation(await runResourcePolicy(policy, resourceArgs(ingress, { kubeVersion: "1.22" })), urnOf(ingress), "api-version-removed", /extensions\/v1beta1/);
  });

  it("reports nothing when the finding is acknowledged in the config", async () => {
    const ingress = goodIngress();
    ingress.apiVersion = "extensions/v1beta1";
    const config = { kubeVersion: "1.22", acknowledge: [{ kind: "Ingress", namespace: "shop", name: "shop", reason: "migrated before the upgrade" }] };
    expect(await runResourcePolicy(policy, resourceArgs(ingress, config))).toEqual([]);
  });
});
