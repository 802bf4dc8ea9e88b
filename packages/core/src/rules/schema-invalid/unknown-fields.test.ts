import { describe, expect, it } from "vitest";
import { fieldTypes, rootTypeName } from "./type-map.js";
import { closestName, editDistance, findUnknownFields } from "./unknown-fields.js";

function unknownIn(object: { apiVersion: string; kind: string }) {
  const type = rootTypeName(object.apiVersion, object.kind);
  if (!type) throw new Error(`no client-node model for ${object.apiVersion} ${object.kind}`);
  return findUnknownFields(object, type, fieldTypes);
}

describe("rootTypeName", () => {
  it("maps apiVersion + kind to client-node's generated model", () => {
    expect(rootTypeName("apps/v1", "Deployment")).toBe("V1Deployment");
    expect(rootTypeName("networking.k8s.io/v1", "Ingress")).toBe("V1Ingress");
    expect(rootTypeName("policy/v1", "PodDisruptionBudget")).toBe("V1PodDisruptionBudget");
    expect(rootTypeName("autoscaling/v2", "HorizontalPodAutoscaler")).toBe("V2HorizontalPodAutoscaler");
    expect(rootTypeName("v1", "Service")).toBe("V1Service");
  });

  it("uses the group-prefixed model when two groups share a kind", () => {
    expect(rootTypeName("v1", "Event")).toBe("CoreV1Event");
    expect(rootTypeName("events.k8s.io/v1", "Event")).toBe("EventsV1Event");
    // V1ResourceClaim exists but is a container's claim, not the resource.k8s.io kind.
    expect(rootTypeName("resource.k8s.io/v1", "ResourceClaim")).toBe("ResourceV1ResourceClaim");
  });

  it("knows no removed versions, custom resources or sub-types", () => {
    expect(rootTypeName("extensions/v1beta1", "Ingress")).toBeUndefined();
    expect(rootTypeName("traefik.io/v1alpha1", "IngressRoute")).toBeUndefined();
    expect(rootTypeName("apps/v1", "DeploymentSpec")).toBeUndefined();
    expect(rootTypeName("storage.k8s.io/v1", "TokenRequest")).toBeUndefined();
  });
});

describe("findUnknownFields", () => {
  it("reports a misspelled container field with its path and the field it was meant to be", () => {
    const deployment = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", labels: { "app.kubernetes.io/name": "web" } },
      spec: { selector: {}, template: { spec: { containers: [{ name: "a", image: "a" }, { name: "b", image: "b", imagePullPolicyy: "Always" }] } } },
    };
    expect(unknownIn(deployment)).toEqual([{ path: "spec.template.spec.containers[1].imagePullPolicyy", field: "imagePullPolicyy", suggestion: "imagePullPolicy" }]);
  });

  it("walks maps of typed values and leaves free-form maps alone", () => {
    const crd = {
      apiVersion: "apiextensions.k8s.io/v1",
      kind: "CustomResourceDefinition",
      metadata: { name: "things.example.com", annotations: { "anything/goes": "x" } },
      spec: {
        group: "example.com",
        scope: "Namespaced",
        names: { kind: "Thing", plural: "things" },
        versions: [
          {
            name: "v1",
            served: true,
            storage: true,
            schema: {
              openAPIV3Schema: {
                type: "object",
                properties: { spec: { type: "object", default: { free: "form" }, "x-kubernetes-preserve-unknown-fields": true, propertiez: {} } },
              },
            },
          },
        ],
      },
    };
    expect(unknownIn(crd)).toEqual([
      { path: "spec.versions[0].schema.openAPIV3Schema.properties.spec.propertiez", field: "propertiez", suggestion: "properties" },
    ]);
  });

  it("finds a field that belongs to another API version of the kind, without a far-fetched suggestion", () => {
    const ingress = {
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: "i" },
      spec: { rules: [{ http: { paths: [{ path: "/", pathType: "Prefix", backend: { serviceName: "web", servicePort: 80 } }] } }] },
    };
    expect(unknownIn(ingress)).toEqual([
      { path: "spec.rules[0].http.paths[0].backend.serviceName", field: "serviceName" },
      { path: "spec.rules[0].http.paths[0].backend.servicePort", field: "servicePort" },
    ]);
  });

  it("skips nulls and wrong shapes (the schema check reports those) and stops at the limit", () => {
    const resolve = (type: string) => (type === "Root" ? new Map([["child", "Child"], ["list", "Array<Child>"]]) : type === "Child" ? new Map([["ok", "string"]]) : undefined);
    expect(findUnknownFields({ child: null, list: "nope" }, "Root", resolve)).toEqual([]);
    const object = { child: { ok: "1", a: 1 }, list: [{ b: 1 }, { c: 1 }] };
    expect(findUnknownFields(object, "Root", resolve).map((u) => u.path)).toEqual(["child.a", "list[0].b", "list[1].c"]);
    expect(findUnknownFields(object, "Root", resolve, 2)).toHaveLength(2);
  });

  it("does not walk into types it cannot resolve", () => {
    expect(findUnknownFields({ a: { b: 1 } }, "Root", (t) => (t === "Root" ? new Map([["a", "Mystery"]]) : undefined))).toEqual([]);
  });
});

describe("closestName", () => {
  it("suggests a field within a small edit distance, or in another case", () => {
    expect(closestName("readinesProbe", ["livenessProbe", "readinessProbe"])).toBe("readinessProbe");
    expect(closestName("raedinessProbe", ["livenessProbe", "readinessProbe"])).toBe("readinessProbe");
    expect(closestName("ImagePullPolicy", ["image", "imagePullPolicy"])).toBe("imagePullPolicy");
    expect(closestName("prot", ["port", "name"])).toBe("port");
  });

  it("suggests nothing when no field is close", () => {
    expect(closestName("servicePort", ["service", "resource"])).toBeUndefined();
    expect(closestName("foo", ["port", "name"])).toBeUndefined();
  });

  it("counts an adjacent swap as one edit", () => {
    expect(editDistance("prot", "port")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });
});
