import type { KubeObject } from "@kubegate/core";
import { describe, expect, it } from "vitest";
import { expectOneViolation, expectPolicyMeta } from "../testing/expect-policy.js";
import { resourceArgs, runResourcePolicy, UNKNOWN_STRING, urnOf } from "../testing/policy-args.js";
import { crdWithoutSchema as policy } from "./crd-without-schema.js";

function goodCrd(): KubeObject {
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "ingressroutes.traefik.io" },
    spec: {
      group: "traefik.io",
      scope: "Namespaced",
      names: { kind: "IngressRoute", plural: "ingressroutes", singular: "ingressroute" },
      versions: [
        {
          name: "v1alpha1",
          served: true,
          storage: true,
          schema: { openAPIV3Schema: { type: "object", properties: { spec: { type: "object", properties: { entryPoints: { type: "array", items: { type: "string" } } } } } } },
        },
      ],
    },
  };
}

describe("crd-without-schema policy", () => {
  it("has its name, description, enforcement level and config schema", () => {
    expectPolicyMeta(policy, "crd-without-schema", "mandatory");
  });

  it("passes a CRD whose versions have a schema", async () => {
    expect(await runResourcePolicy(policy, resourceArgs(goodCrd()))).toEqual([]);
  });

  it("reports a CRD version whose schema is removed", async () => {
    const crd = goodCrd();
    delete ((crd.spec as { versions: Record<string, unknown>[] }).versions[0]!).schema;
    expectOneViolation(await runResourcePolicy(policy, resourceArgs(crd)), urnOf(crd), "crd-without-schema", /CRD ingressroutes\.traefik\.io \(IngressRoute\) has no validating schema/);
  });

  it("ignores values unknown during preview instead of failing", async () => {
    const crd = goodCrd();
    (crd.metadata.labels as unknown) = { team: UNKNOWN_STRING };
    expect(await runResourcePolicy(policy, resourceArgs(crd))).toEqual([]);
  });
});
