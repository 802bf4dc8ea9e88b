import type { KubeObject } from "@kubegate/core";
import { describe, expect, it } from "vitest";
import { expectOneViolation, expectPolicyMeta } from "../testing/expect-policy.js";
import { resourceArgs, runResourcePolicy, urnOf } from "../testing/policy-args.js";
import { admissionWebhookFailClosed as policy } from "./admission-webhook-fail-closed.js";

/** A pod-mutating webhook that fails open. */
function goodWebhook(): KubeObject {
  return {
    apiVersion: "admissionregistration.k8s.io/v1",
    kind: "MutatingWebhookConfiguration",
    metadata: { name: "sidecar-injector" },
    webhooks: [
      {
        name: "inject.sidecar.example.com",
        admissionReviewVersions: ["v1"],
        sideEffects: "None",
        failurePolicy: "Ignore",
        clientConfig: { service: { namespace: "sidecar-system", name: "injector" } },
        rules: [{ apiGroups: [""], apiVersions: ["v1"], operations: ["CREATE"], resources: ["pods"] }],
      },
    ],
  };
}

describe("admission-webhook-fail-closed policy", () => {
  it("has its name, description, enforcement level and config schema", () => {
    expectPolicyMeta(policy, "admission-webhook-fail-closed", "mandatory");
  });

  it("passes a webhook that fails open (failurePolicy Ignore)", async () => {
    expect(await runResourcePolicy(policy, resourceArgs(goodWebhook()))).toEqual([]);
  });

  it("reports the same webhook failing closed (failurePolicy Fail)", async () => {
    const webhook = goodWebhook();
    (webhook.webhooks as any)[0].failurePolicy = "Fail";
    expectOneViolation(await runResourcePolicy(policy, resourceArgs(webhook)), urnOf(webhook), "admission-webhook-fail-closed", /MutatingWebhookConfiguration sidecar-injector/);
  });
});
