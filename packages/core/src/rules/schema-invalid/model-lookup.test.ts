import { describe, expect, it } from "vitest";
import { schemaValidator } from "./model-lookup.js";
import { describeSchemaErrors } from "./schema-errors.js";
import { formatPath } from "./field-path.js";

const deployment = (container: Record<string, unknown>) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "web", namespace: "shop" },
  spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "web:1", ...container }] } } },
});

function problems(object: { apiVersion: string; kind: string }) {
  const validate = schemaValidator(object.apiVersion, object.kind);
  if (!validate) throw new Error(`no schema for ${object.apiVersion} ${object.kind}`);
  return describeSchemaErrors(validate(object), object);
}

describe("schemaValidator", () => {
  it("resolves built-in kinds of the core and named groups", () => {
    expect(schemaValidator("apps/v1", "Deployment")).toBeTypeOf("function");
    expect(schemaValidator("v1", "Service")).toBeTypeOf("function");
    expect(schemaValidator("networking.k8s.io/v1", "Ingress")).toBeTypeOf("function");
    expect(schemaValidator("autoscaling/v2", "HorizontalPodAutoscaler")).toBeTypeOf("function");
    // kubernetes-models still ships removed versions; which of them the target serves is not its call.
    expect(schemaValidator("extensions/v1beta1", "Ingress")).toBeTypeOf("function");
  });

  it("knows nothing of custom resources, sub-types, unknown versions and odd names", () => {
    expect(schemaValidator("traefik.io/v1alpha1", "IngressRoute")).toBeUndefined();
    expect(schemaValidator("gateway.networking.k8s.io/v1", "HTTPRoute")).toBeUndefined();
    expect(schemaValidator("apps/v1", "DeploymentSpec")).toBeUndefined();
    expect(schemaValidator("apps/v9", "Deployment")).toBeUndefined();
    expect(schemaValidator("apps/v1", "../../v1/Service")).toBeUndefined();
    expect(schemaValidator("v1", "deployment")).toBeUndefined();
    expect(schemaValidator(undefined, "Deployment")).toBeUndefined();
  });

  it("accepts a valid object, including int-or-string and quantity forms", () => {
    expect(problems(deployment({ ports: [{ containerPort: 80 }], resources: { limits: { cpu: 1, memory: "1Gi" } }, readinessProbe: { httpGet: { port: "http" } } }))).toEqual([]);
  });

  it("accepts js-yaml Date values where strings belong (unquoted dates in annotations)", () => {
    const object = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", annotations: { reviewed: new Date("2021-09-06") } }, data: { a: "b" } };
    expect(problems(object)).toEqual([]);
  });

  it("reports wrong types with the field path and the JSON type found, never the value", () => {
    const found = problems(deployment({ ports: [{ containerPort: "80" }] }));
    expect(found).toEqual([{ path: "spec.template.spec.containers[0].ports[0].containerPort", message: "must be integer, got string" }]);
  });

  it("merges the failed branches of an int-or-string into one problem", () => {
    expect(problems(deployment({ readinessProbe: { httpGet: { port: true } } }))).toEqual([
      { path: "spec.template.spec.containers[0].readinessProbe.httpGet.port", message: "must be string or integer, got boolean" },
    ]);
  });

  it("explains quantity and base64 formats without quoting the value", () => {
    const pod = { apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: { containers: [{ name: "a", resources: { limits: { cpu: "two" } } }] } };
    expect(problems(pod)).toEqual([{ path: "spec.containers[0].resources.limits.cpu", message: "must be number or a quantity like 500m or 1Gi, got string" }]);
    const secret = { apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, data: { password: "hunter2!" } };
    expect(problems(secret)).toEqual([{ path: "data.password", message: "must be base64-encoded" }]);
  });

  it("names the missing required field and the allowed values of an enum", () => {
    const ingress = { apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "i" }, spec: { rules: [{ http: { paths: [{ path: "/", backend: { service: { name: "s", port: { number: 80 } } } }] } }] } };
    expect(problems(ingress)).toEqual([{ path: "spec.rules[0].http.paths[0].pathType", message: "required field is missing" }]);
    const service = { apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { type: "Loadbalancer", ports: [{ port: 80 }] } };
    expect(problems(service)).toEqual([{ path: "spec.type", message: "must be one of ClusterIP, ExternalName, LoadBalancer, NodePort" }]);
  });

  it("quotes map keys that are not identifiers", () => {
    const object = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", labels: { "app.kubernetes.io/version": 1.2 } } };
    expect(problems(object)).toEqual([{ path: 'metadata.labels["app.kubernetes.io/version"]', message: "must be string, got number" }]);
  });
});

describe("formatPath", () => {
  it("writes kubectl-style paths", () => {
    expect(formatPath(["spec", "containers", 0, "image"])).toBe("spec.containers[0].image");
    expect(formatPath(["metadata", "annotations", "a/b"])).toBe('metadata.annotations["a/b"]');
    expect(formatPath([])).toBe("(root)");
  });
});
