import { describe, expect, it } from "vitest";
import type { LocatedObject } from "../load/to-objects.js";
import { InputError } from "../model/input-error.js";
import { folderOverlaps, refuseOverlaps } from "./overlapping-folders.js";

function located(file: string, kind: string, name: string, namespace?: string): LocatedObject {
  return { object: { apiVersion: "v1", kind, metadata: { name, ...(namespace ? { namespace } : {}) } }, source: { file, line: 1, documentIndex: 0 } };
}

describe("folderOverlaps", () => {
  it("groups objects two cluster folders both define by the folders they first differ in", () => {
    const objects = [
      located("clusters/production/apps.yaml", "ConfigMap", "apps", "flux-system"),
      located("clusters/production/infra.yaml", "ConfigMap", "infra", "flux-system"),
      located("clusters/staging/apps.yaml", "ConfigMap", "apps", "flux-system"),
      located("clusters/staging/infra.yaml", "ConfigMap", "infra", "flux-system"),
    ];
    const overlaps = folderOverlaps(objects);
    expect(overlaps).toHaveLength(1);
    expect(overlaps[0]).toMatchObject({ folders: ["clusters/production", "clusters/staging"], count: 2 });
    expect(overlaps[0]!.at.file).toBe("clusters/staging/apps.yaml");
  });

  it("tells kustomizations built from one base apart by the folder each was built from", () => {
    const a = located("apps/base/deploy.yaml", "ConfigMap", "x", "default");
    const b = located("apps/base/deploy.yaml", "ConfigMap", "x", "default");
    const built = new Map([[a, "apps/production/kustomization.yaml"], [b, "apps/staging/kustomization.yaml"]]);
    expect(folderOverlaps([a, b], (o) => built.get(o)!)[0]!.folders).toEqual(["apps/production", "apps/staging"]);
  });

  it("stays quiet when names differ by namespace or kind", () => {
    const objects = [located("a/x.yaml", "ConfigMap", "x", "one"), located("b/x.yaml", "ConfigMap", "x", "two"), located("b/y.yaml", "Secret", "x", "one")];
    expect(folderOverlaps(objects)).toEqual([]);
    expect(() => refuseOverlaps(objects)).not.toThrow();
  });
});

describe("refuseOverlaps", () => {
  it("names both folders and the command that judges one, never a value", () => {
    const objects = [located("clusters/production/a.yaml", "Secret", "token", "ns"), located("clusters/staging/a.yaml", "Secret", "token", "ns")];
    let error: unknown;
    try {
      refuseOverlaps(objects);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    const message = (error as InputError).problems[0]!.message;
    expect(message).toContain("clusters/production and clusters/staging both define 1 object(s) (Secret ns/token)");
    expect(message).toContain("kubegate check --base-ref A --head-ref B clusters/production");
  });

  it("leaves an object defined twice in one folder to the loader's own message", () => {
    expect(() => refuseOverlaps([located("a/x.yaml", "ConfigMap", "x"), located("a/x.yaml", "ConfigMap", "x")])).not.toThrow();
  });
});
