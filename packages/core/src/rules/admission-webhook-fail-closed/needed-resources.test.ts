import { describe, expect, it } from "vitest";
import { neededResourcesHit, ruleMatchesResource } from "./needed-resources.js";
import { describeBackend, failsClosed } from "./webhook.js";

describe("ruleMatchesResource", () => {
  it("matches groups, resources, wildcards and subresources like the API server", () => {
    const pods = { operations: ["CREATE"], apiGroups: [""], resources: ["pods"] };
    expect(ruleMatchesResource(pods, "", "pods")).toBe(true);
    expect(ruleMatchesResource(pods, "apps", "pods")).toBe(false);
    expect(ruleMatchesResource({ ...pods, resources: ["pods/exec"] }, "", "pods")).toBe(false);
    expect(ruleMatchesResource({ ...pods, apiGroups: ["*"], resources: ["*"] }, "", "pods")).toBe(true);
    expect(ruleMatchesResource({ ...pods, apiGroups: ["*"], resources: ["*"] }, "networking.k8s.io", "ingresses/status")).toBe(false);
    expect(ruleMatchesResource({ ...pods, apiGroups: ["*"], resources: ["*/status"] }, "networking.k8s.io", "ingresses/status")).toBe(true);
    expect(ruleMatchesResource({ ...pods, resources: ["*/*"] }, "", "pods")).toBe(true);
    expect(ruleMatchesResource({ ...pods, scope: "Cluster" }, "", "pods")).toBe(false);
    expect(ruleMatchesResource({ ...pods, operations: [] }, "", "pods")).toBe(false);
  });

  it("lists the needed resources a set of rules hits", () => {
    expect(neededResourcesHit([{ operations: ["*"], apiGroups: ["apps", "coordination.k8s.io"], resources: ["deployments", "leases"] }])).toEqual(["apps/deployments", "coordination.k8s.io/leases"]);
    expect(neededResourcesHit([{ operations: ["CREATE", "UPDATE"], apiGroups: ["networking.k8s.io"], resources: ["ingresses"] }])).toEqual([]);
  });
});

describe("webhook defaults", () => {
  it("fails closed when failurePolicy is unset in v1, open in v1beta1", () => {
    expect(failsClosed("admissionregistration.k8s.io/v1", { name: "w" })).toBe(true);
    expect(failsClosed("admissionregistration.k8s.io/v1beta1", { name: "w" })).toBe(false);
    expect(failsClosed("admissionregistration.k8s.io/v1", { name: "w", failurePolicy: "Ignore" })).toBe(false);
  });

  it("names a URL backend by host only", () => {
    expect(describeBackend({ name: "w", clientConfig: { url: "https://hooks.example.com:8443/validate?token=abc" } })).toBe("endpoint hooks.example.com:8443");
  });
});
