import { describe, expect, it } from "vitest";
import { checkObjects } from "../check/check.js";
import type { LocatedObject } from "../load/to-objects.js";
import type { KubeObject } from "../model/kube-object.js";

const at = (object: KubeObject, file: string, documentIndex = 0): LocatedObject => ({ object, source: { file, line: 1, documentIndex } });

const psp: KubeObject = { apiVersion: "policy/v1beta1", kind: "PodSecurityPolicy", metadata: { name: "legacy" }, spec: {} };
const deployment = (image: string): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "shop", namespace: "apps" },
  spec: { selector: { matchLabels: { app: "shop" } }, template: { metadata: { labels: { app: "shop" } }, spec: { containers: [{ name: "shop", image }] } } },
});

describe("judging the change against base", () => {
  it("an untouched removed API is unchanged debt: listed, not gating (old-debt)", () => {
    const r = checkObjects([at(psp, "base/psp.yaml"), at(deployment("shop:1"), "base/app.yaml")], [at(psp, "head/psp.yaml"), at(deployment("shop:2"), "head/app.yaml")]);
    expect(r.decision).toBe("pass");
    expect(r.findings.map((f) => [f.rule, f.baseline])).toEqual([["api-version-removed", "unchanged"]]);
    expect(r.reasons.join("\n")).toContain("1 finding(s) already in base, not gating");
    expect(r.target).toEqual({ version: "1.34", source: "default" });
  });

  it("the same debt gates under gate: everything (audits)", () => {
    const r = checkObjects([at(psp, "base/psp.yaml")], [at(psp, "head/psp.yaml")], { gateOn: "everything" });
    expect(r.decision).toBe("block");
    expect(r.gateOn).toBe("everything");
  });

  it("a removed API the change adds is new and blocks", () => {
    const r = checkObjects([at(deployment("shop:1"), "base/app.yaml")], [at(deployment("shop:1"), "head/app.yaml"), at(psp, "head/psp.yaml")]);
    expect(r.decision).toBe("block");
    expect(r.findings.map((f) => [f.rule, f.baseline])).toEqual([["api-version-removed", "new"]]);
  });

  it("a removed API the change deletes is resolved: 'this change fixes'", () => {
    const r = checkObjects([at(psp, "base/psp.yaml"), at(deployment("shop:1"), "base/app.yaml")], [at(deployment("shop:1"), "head/app.yaml")]);
    expect(r.decision).toBe("pass");
    expect(r.resolved.map((f) => `${f.rule} ${f.resource.kind}/${f.resource.name}`)).toEqual(["api-version-removed PodSecurityPolicy/legacy"]);
  });

  it("an explicit target is named with its source", () => {
    expect(checkObjects([], [], { kubeVersion: "v1.30" }).target).toEqual({ version: "1.30", source: "--kube-version" });
    expect(checkObjects([], [], { config: { kubeVersion: "1.31" } }).target).toEqual({ version: "1.31", source: "kubegate.yaml" });
  });
});
