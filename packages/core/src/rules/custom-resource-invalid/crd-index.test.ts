import { describe, expect, it } from "vitest";
import { buildSides } from "../../check/build-sides.js";
import type { KubeObject } from "../../model/kube-object.js";
import { CrdIndex } from "./crd-index.js";

const crd = (apiVersion: string, group: string, spec: Record<string, unknown>): KubeObject => ({ apiVersion, kind: "CustomResourceDefinition", metadata: { name: `probes.${group}` }, spec: { group, scope: "Namespaced", names: { kind: "Probe", plural: "probes" }, ...spec } });
const sides = (base: KubeObject[], head: KubeObject[]) => {
  const located = (objects: KubeObject[]) => objects.map((object, i) => ({ object, source: { file: "f.yaml", line: 1, documentIndex: i } }));
  return buildSides(located(base), located(head), {});
};

describe("CrdIndex", () => {
  it("prefers head's CRD and falls back to base's", () => {
    const v1 = crd("apiextensions.k8s.io/v1", "checks.example.com", { versions: [{ name: "v1", served: true, storage: true }] });
    const { base, head } = sides([v1], []);
    expect(new CrdIndex(head, base).find("checks.example.com/v1", "Probe")).toMatchObject({ side: "base", prune: true, version: { name: "v1" } });
    const both = sides([v1], [v1]);
    expect(new CrdIndex(both.head, both.base).find("checks.example.com/v1", "Probe")?.side).toBe("head");
  });

  it("matches the group as written: traefik.containo.us and traefik.io are different CRDs", () => {
    const v2 = crd("apiextensions.k8s.io/v1", "traefik.containo.us", { versions: [{ name: "v1alpha1" }] });
    const { base, head } = sides([], [v2]);
    const index = new CrdIndex(head, base);
    expect(index.find("traefik.containo.us/v1alpha1", "Probe")).toBeDefined();
    expect(index.find("traefik.io/v1alpha1", "Probe")).toBeUndefined();
  });

  it("prunes for v1 always and for v1beta1 only with preserveUnknownFields: false", () => {
    const beta = (extra: Record<string, unknown>) => crd("apiextensions.k8s.io/v1beta1", "checks.example.com", { version: "v1", ...extra });
    for (const [spec, prune] of [[{}, false], [{ preserveUnknownFields: false }, true]] as const) {
      const { base, head } = sides([], [beta(spec)]);
      expect(new CrdIndex(head, base).find("checks.example.com/v1", "Probe")).toMatchObject({ prune, version: { name: "v1" } });
    }
  });

  it("leaves version undefined when the CRD does not define the object's version", () => {
    const v1 = crd("apiextensions.k8s.io/v1", "checks.example.com", { versions: [{ name: "v1" }] });
    const { base, head } = sides([], [v1]);
    expect(new CrdIndex(head, base).find("checks.example.com/v2", "Probe")).toMatchObject({ versions: [{ name: "v1" }] });
    expect(new CrdIndex(head, base).find("checks.example.com/v2", "Probe")?.version).toBeUndefined();
  });
});
