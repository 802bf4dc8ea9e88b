import { readdir } from "node:fs/promises";
import { findRule } from "@kubegate/core";
import { describe, expect, it } from "vitest";
import { POLICIES } from "./index.js";

describe("the policy pack", () => {
  it("has one file and one spec per policy, named like the core rule it runs", async () => {
    const files = (await readdir(import.meta.dirname)).filter((f) => f !== "index.ts" && f !== "index.spec.ts");
    const names = POLICIES.map((p) => p.name).sort();
    expect(files.filter((f) => !f.endsWith(".spec.ts")).map((f) => f.replace(/\.ts$/, "")).sort()).toEqual(names);
    expect(files.filter((f) => f.endsWith(".spec.ts")).map((f) => f.replace(/\.spec\.ts$/, "")).sort()).toEqual(names);
    for (const name of names) expect(findRule(name), name).toBeDefined();
  });

  it("resource policies for single objects, stack policies for what needs the whole stack", () => {
    const kind = (p: (typeof POLICIES)[number]) => ("validateResource" in p ? "resource" : "stack");
    expect(Object.fromEntries(POLICIES.map((p) => [p.name, kind(p)]))).toEqual({
      "crd-without-schema": "resource",
      "custom-resource-invalid": "resource",
      "api-version-removed": "resource",
      "acme-storage-ephemeral": "resource",
      "admission-webhook-fail-closed": "resource",
      "ingress-controller-disrupted": "stack",
      "route-backend-missing": "stack",
      "network-policy-isolates-ingress": "stack",
      "tls-source-changed": "stack",
    });
  });
});
