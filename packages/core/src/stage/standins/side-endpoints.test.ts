import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../model/kube-object.js";
import type { ManifestSet } from "../../model/manifest.js";
import { normalize } from "../../normalize/normalize.js";
import { workloadNamespaces } from "../../workloads/service-endpoints.js";
import { endpointObjects, planStandins } from "./plan.js";
import type { StagingSides } from "./side-endpoints.js";
import { unionSet } from "../../smoke/union-set.js";

function setOf(text: string): ManifestSet {
  const objects = yaml.loadAll(text).filter(Boolean) as KubeObject[];
  return normalize(objects.map((object, documentIndex) => ({ object, source: { file: "test.yaml", line: 1, documentIndex } })));
}

const deployment = (labels: string, port = "http") => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: shop, namespace: apps }
spec:
  template:
    metadata: { labels: ${labels} }
    spec: { containers: [{ name: shop, image: shop:1, ports: [{ name: ${port}, containerPort: 8080 }] }] }
---`;
const service = (selector: string, targetPort = "http", name = "shop", ns = "apps") => `
apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: ${ns} }
spec: { selector: ${selector}, ports: [{ name: web, port: 80, targetPort: ${targetPort} }] }
---`;
const ingress = (svc = "shop", ns = "apps") => `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: ${svc}, namespace: ${ns} }
spec:
  rules: [{ host: ${svc}.example.com, http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: ${svc}, port: { name: web } } } }] } }]
`;

function plan(baseText: string, headText: string) {
  const base = setOf(baseText);
  const head = setOf(headText);
  const sides: StagingSides = { base, head, computable: workloadNamespaces(base, head) };
  return planStandins(unionSet(base, head), undefined, sides);
}

const portsAt = (p: ReturnType<typeof plan>, side: "base" | "head") => p.services[0]!.endpoints?.[side];

describe("stand-in endpoints computed per side, as Kubernetes would", () => {
  const good = `${deployment("{ app: shop }")}${service("{ app: shop }")}${ingress()}`;

  it("a selector typo at head leaves the Service without endpoints at head only", () => {
    const p = plan(good, `${deployment("{ app: shop }")}${service("{ app: shpo }")}${ingress()}`);
    expect(portsAt(p, "base")).toEqual([{ name: "web", port: 80, targetPort: 8080, protocol: "TCP" }]);
    expect(portsAt(p, "head")).toEqual([]);
    expect(p.notes).toContain("at head: Service apps/shop selects no pods (selector app=shpo; no pod template in namespace apps carries those labels): no endpoints, as in the cluster");
    const slice = endpointObjects(p, "head").find((o) => o.kind === "EndpointSlice")!;
    expect(slice["endpoints"]).toEqual([]);
    expect(endpointObjects(p, "head").find((o) => o.kind === "Endpoints")!["subsets"]).toEqual([]);
  });

  it("a targetPort renamed to a name no container declares has no endpoints for that port", () => {
    const p = plan(good, `${deployment("{ app: shop }")}${service("{ app: shop }", "web-http")}${ingress()}`);
    expect(portsAt(p, "head")).toEqual([]);
    expect(p.notes.join("\n")).toContain("at head: Service apps/shop port web targets the port named web-http, which no container of Deployment shop declares: no endpoints for it");
  });

  it("pod template labels changed under an unchanged Service count too", () => {
    const p = plan(good, `${deployment("{ app: shop-v2 }")}${service("{ app: shop }")}${ingress()}`);
    expect(portsAt(p, "head")).toEqual([]);
  });

  it("a benign new Service with matching pods has endpoints; listeners cover every side's target port", () => {
    const p = plan(good, `${deployment("{ app: shop }", "web")}${service("{ app: shop }", "web")}${ingress()}`);
    expect(portsAt(p, "head")).toEqual([{ name: "web", port: 80, targetPort: 8080, protocol: "TCP" }]);
    expect(p.notes).toEqual([]);
  });

  it("route-only namespaces: backends assumed and said so", () => {
    const p = plan(`${service("{ app: shop }", "8080")}${ingress()}`, `${service("{ app: shpo }", "8080")}${ingress()}`);
    expect(portsAt(p, "head")).toEqual([{ name: "web", port: 80, targetPort: 8080, protocol: "TCP" }]);
    expect(p.notes.join("\n")).toMatch(/backends assumed in namespace apps: no workload of the change runs there/);
  });

  it("a namespace whose workloads head deletes is still computed (the deletion breaks the route)", () => {
    const p = plan(good, `${service("{ app: shop }")}${ingress()}`);
    expect(portsAt(p, "head")).toEqual([]);
  });

  it("selector-less Services keep their hand-written endpoints; ExternalName gets none", () => {
    const manual = `${deployment("{ app: x }")}
apiVersion: v1
kind: Service
metadata: { name: shop, namespace: apps }
spec: { ports: [{ name: web, port: 80, targetPort: 9000 }] }
---
apiVersion: v1
kind: Endpoints
metadata: { name: shop, namespace: apps }
subsets: [{ addresses: [{ ip: 10.0.0.1 }], ports: [{ name: web, port: 9000 }] }]
---${ingress()}`;
    const kept = plan(manual, manual);
    expect(portsAt(kept, "head")).toEqual([{ name: "web", port: 80, targetPort: 9000, protocol: "TCP" }]);
    const dropped = plan(manual, manual.replace(/apiVersion: v1\nkind: Endpoints[\s\S]*?---/, ""));
    expect(portsAt(dropped, "head")).toEqual([]);
  });

  it("replicas: 0 runs no pods", () => {
    const p = plan(good, `${deployment("{ app: shop }").replace("spec:\n  template", "spec:\n  replicas: 0\n  template")}${service("{ app: shop }")}${ingress()}`);
    expect(portsAt(p, "head")).toEqual([]);
    expect(p.notes.join("\n")).toContain("selects only workloads scaled to zero (Deployment shop)");
  });
});
