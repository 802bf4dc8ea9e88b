import { describe, expect, it } from "vitest";
import { apiStatusAt, parseKubeVersion, REMOVED_APIS, replacementAt } from "../shared/removed-apis.js";
import { schemaValidator } from "../schema-invalid/model-lookup.js";

const minor = (v: string) => parseKubeVersion(v).minor;

describe("removed-apis table", () => {
  it("lists every apiVersion + kind once", () => {
    const keys = REMOVED_APIS.flatMap((a) => a.kinds.map((k) => `${a.apiVersion} ${k}`));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("has each API deprecated before it is removed, and a replacement served by the removal (newest first)", () => {
    for (const api of REMOVED_APIS) {
      // Alpha APIs may go without a release of deprecation warnings (not served unless enabled).
      if (/v\d+alpha\d+$/.test(api.apiVersion)) expect(minor(api.deprecatedIn), api.apiVersion).toBeLessThanOrEqual(minor(api.removedIn));
      else expect(minor(api.deprecatedIn), api.apiVersion).toBeLessThan(minor(api.removedIn));
      expect(api.replacements.length > 0 || api.noReplacement !== undefined, api.apiVersion).toBe(true);
      const since = api.replacements.map((r) => minor(r.since));
      expect(since, api.apiVersion).toEqual([...since].sort((a, b) => b - a));
      if (since.length > 0) expect(Math.min(...since), api.apiVersion).toBeLessThanOrEqual(minor(api.removedIn));
    }
  });

  it("names replacements that exist for every kind (checked against kubernetes-models)", () => {
    // Newer than kubernetes-models 5.1 (Kubernetes 1.35): asserted absent so an update of the models brings them under the check.
    const newerThanModels = new Set(["storagemigration.k8s.io/v1beta1"]);
    for (const api of REMOVED_APIS) {
      for (const kind of api.kinds) {
        for (const r of api.replacements) expect(schemaValidator(r.apiVersion, kind), `${r.apiVersion} ${kind}`).toBeTypeOf(newerThanModels.has(r.apiVersion) ? "undefined" : "function");
      }
    }
  });

  it("covers the removals of the deprecation guide", () => {
    const removedIn = (apiVersion: string, kind: string) => REMOVED_APIS.find((a) => a.apiVersion === apiVersion && a.kinds.includes(kind))?.removedIn;
    expect(removedIn("extensions/v1beta1", "Deployment")).toBe("1.16");
    expect(removedIn("apps/v1beta2", "DaemonSet")).toBe("1.16");
    expect(removedIn("extensions/v1beta1", "NetworkPolicy")).toBe("1.16");
    expect(removedIn("extensions/v1beta1", "PodSecurityPolicy")).toBe("1.16");
    expect(removedIn("networking.k8s.io/v1beta1", "Ingress")).toBe("1.22");
    expect(removedIn("networking.k8s.io/v1beta1", "IngressClass")).toBe("1.22");
    expect(removedIn("apiextensions.k8s.io/v1beta1", "CustomResourceDefinition")).toBe("1.22");
    expect(removedIn("admissionregistration.k8s.io/v1beta1", "ValidatingWebhookConfiguration")).toBe("1.22");
    expect(removedIn("rbac.authorization.k8s.io/v1beta1", "ClusterRoleBinding")).toBe("1.22");
    expect(removedIn("storage.k8s.io/v1beta1", "CSIDriver")).toBe("1.22");
    expect(removedIn("batch/v1beta1", "CronJob")).toBe("1.25");
    expect(removedIn("discovery.k8s.io/v1beta1", "EndpointSlice")).toBe("1.25");
    expect(removedIn("events.k8s.io/v1beta1", "Event")).toBe("1.25");
    expect(removedIn("autoscaling/v2beta1", "HorizontalPodAutoscaler")).toBe("1.25");
    expect(removedIn("policy/v1beta1", "PodSecurityPolicy")).toBe("1.25");
    expect(removedIn("node.k8s.io/v1beta1", "RuntimeClass")).toBe("1.25");
    expect(removedIn("autoscaling/v2beta2", "HorizontalPodAutoscaler")).toBe("1.26");
    expect(removedIn("flowcontrol.apiserver.k8s.io/v1beta1", "PriorityLevelConfiguration")).toBe("1.26");
    expect(removedIn("storage.k8s.io/v1beta1", "CSIStorageCapacity")).toBe("1.27");
    expect(removedIn("flowcontrol.apiserver.k8s.io/v1beta2", "FlowSchema")).toBe("1.29");
    expect(removedIn("flowcontrol.apiserver.k8s.io/v1beta3", "FlowSchema")).toBe("1.32");
    expect(removedIn("storagemigration.k8s.io/v1alpha1", "StorageVersionMigration")).toBe("1.35");
  });
});

describe("apiStatusAt", () => {
  it("is served before deprecation, deprecated until removal, removed from then on", () => {
    expect(apiStatusAt("networking.k8s.io/v1beta1", "Ingress", "1.18").status).toBe("served");
    expect(apiStatusAt("networking.k8s.io/v1beta1", "Ingress", "1.19").status).toBe("deprecated");
    expect(apiStatusAt("networking.k8s.io/v1beta1", "Ingress", "1.21").status).toBe("deprecated");
    expect(apiStatusAt("networking.k8s.io/v1beta1", "Ingress", "1.22").status).toBe("removed");
    expect(apiStatusAt("networking.k8s.io/v1beta1", "Ingress", "2.0").status).toBe("removed");
  });

  it("matches apiVersion and kind exactly", () => {
    expect(apiStatusAt("networking.k8s.io/v1", "Ingress", "1.34").status).toBe("served");
    expect(apiStatusAt("extensions/v1beta1", "Scale", "1.34").status).toBe("served");
    expect(apiStatusAt("gateway.networking.k8s.io/v1beta1", "HTTPRoute", "1.34").status).toBe("served");
  });

  it("rejects target versions it cannot read", () => {
    expect(() => apiStatusAt("batch/v1beta1", "CronJob", "latest")).toThrow(/kubeVersion "latest"/);
    expect(parseKubeVersion("v1.29.3")).toEqual({ major: 1, minor: 29 });
    expect(parseKubeVersion("1.30.1-eks-1234")).toEqual({ major: 1, minor: 30 });
  });
});

describe("replacementAt", () => {
  it("picks the newest replacement the target serves, or the first one when none is served yet", () => {
    const hpa = REMOVED_APIS.find((a) => a.apiVersion === "autoscaling/v2beta1")!;
    expect(replacementAt(hpa, "1.22")).toEqual({ apiVersion: "autoscaling/v2", since: "1.23" });
    const flow = REMOVED_APIS.find((a) => a.apiVersion === "flowcontrol.apiserver.k8s.io/v1beta1")!;
    expect(replacementAt(flow, "1.25")?.apiVersion).toBe("flowcontrol.apiserver.k8s.io/v1beta2");
  });
});
