import { describe, expect, it } from "vitest";
import type { PodTemplate } from "../../workloads/index.js";
import { storageLocation } from "./storage-volume.js";

const template = (volumes: PodTemplate["volumes"], claimTemplates: string[] = []): PodTemplate => ({ labels: {}, containers: [], initContainers: [], volumes, claimTemplates });

describe("storageLocation", () => {
  it("takes the longest mountPath prefix, by path segment", () => {
    const t = template([{ name: "root", persistentVolumeClaim: { claimName: "c" } }, { name: "certs", emptyDir: {} }, { name: "datax", emptyDir: {} }]);
    const container = { name: "t", volumeMounts: [{ name: "root", mountPath: "/data" }, { name: "certs", mountPath: "/data/certs/" }, { name: "datax", mountPath: "/dat" }] };
    expect(storageLocation("/data/certs/acme.json", t, container)).toMatchObject({ persistent: false, conflict: false, mounts: [{ volume: "certs", type: "emptyDir" }] });
    expect(storageLocation("/data/acme.json", t, container)).toMatchObject({ persistent: true, mounts: [{ volume: "root", type: "persistentVolumeClaim" }] });
  });

  it("resolves relative storage against workingDir and finds no volume", () => {
    expect(storageLocation("acme.json", template([]), { name: "t", workingDir: "/srv" })).toEqual({ path: "/srv/acme.json", mounts: [], conflict: false, persistent: false });
  });

  it("treats volumeClaimTemplates and network volumes as persistent, a missing volume as unknown", () => {
    const t = template([{ name: "nfs", nfs: { server: "s", path: "/x" } }], ["acme"]);
    expect(storageLocation("/a/acme.json", t, { name: "t", volumeMounts: [{ name: "acme", mountPath: "/a" }] }).persistent).toBe(true);
    expect(storageLocation("/n/acme.json", t, { name: "t", volumeMounts: [{ name: "nfs", mountPath: "/n" }] }).persistent).toBe(true);
    expect(storageLocation("/m/acme.json", t, { name: "t", volumeMounts: [{ name: "missing", mountPath: "/m" }] }).persistent).toBeUndefined();
  });

  it("flags two volumes on one mountPath as a conflict", () => {
    const t = template([{ name: "data", persistentVolumeClaim: { claimName: "c" } }, { name: "cfg", configMap: { name: "c" } }]);
    const loc = storageLocation("/data/acme.json", t, { name: "t", volumeMounts: [{ name: "data", mountPath: "/data" }, { name: "cfg", mountPath: "/data" }] });
    expect(loc).toMatchObject({ conflict: true, persistent: false });
  });
});
