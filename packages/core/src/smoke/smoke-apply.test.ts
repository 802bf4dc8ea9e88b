import { describe, expect, it } from "vitest";
import type { KubeObject } from "../model/kube-object.js";
import type { SideObjects } from "./side-objects.js";
import { changedSinceBase } from "./smoke-apply.js";

const cm = (name: string, value: string): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "apps" }, data: { value } });
const side = (...objects: KubeObject[]): SideObjects => ({ objects, issuedSecrets: new Set(), notes: [] });

describe("changedSinceBase", () => {
  it("keeps only what head changes or adds, and what base could not apply", () => {
    const base = side(cm("same", "1"), cm("changed", "1"), cm("failed", "1"));
    const head = side(cm("same", "1"), cm("changed", "2"), cm("failed", "1"), cm("added", "1"));
    const names = changedSinceBase(base, head, new Set(["ConfigMap apps/failed"])).objects.map((o) => o.metadata.name);
    expect(names).toEqual(["changed", "failed", "added"]);
  });

  it("applies everything again when head changes a CRD (its schema judges unchanged objects too)", () => {
    const crd = (version: string): KubeObject => ({ apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition", metadata: { name: "widgets.example.com" }, spec: { version } });
    const head = side(crd("v2"), cm("same", "1"));
    expect(changedSinceBase(side(crd("v1"), cm("same", "1")), head, new Set()).objects).toHaveLength(2);
  });
});
