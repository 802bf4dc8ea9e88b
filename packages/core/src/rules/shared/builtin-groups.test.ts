import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Manifest } from "../../model/manifest.js";
import { BUILTIN_GROUPS, isCustomResource } from "./builtin-groups.js";

const manifest = (apiVersion: string, group: string): Manifest =>
  ({ key: "k", ref: { apiVersion, kind: "X", name: "x" }, group, object: { apiVersion, kind: "X", metadata: { name: "x" } }, source: { file: "f", line: 1, documentIndex: 0 } }) as Manifest;

describe("builtin groups", () => {
  it("holds every API group folder of kubernetes-models (v1 = core group)", () => {
    const dir = join(import.meta.dirname, "../../../node_modules/kubernetes-models");
    const folders = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith("_")).map((d) => (d.name === "v1" ? "" : d.name));
    for (const group of folders) expect(BUILTIN_GROUPS, group).toContain(group);
  });

  it("tells custom resources from built-in objects", () => {
    expect(isCustomResource(manifest("traefik.containo.us/v1alpha1", "traefik.io"))).toBe(true);
    expect(isCustomResource(manifest("gateway.networking.k8s.io/v1", "gateway.networking.k8s.io"))).toBe(true);
    expect(isCustomResource(manifest("cert-manager.io/v1", "cert-manager.io"))).toBe(true);
    expect(isCustomResource(manifest("v1", ""))).toBe(false);
    expect(isCustomResource(manifest("extensions/v1beta1", "networking.k8s.io"))).toBe(false);
    expect(isCustomResource(manifest("apiextensions.k8s.io/v1", "apiextensions.k8s.io"))).toBe(false);
  });
});
