import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../model/kube-object.js";
import type { ManifestSet } from "../../model/manifest.js";
import { normalize } from "../../normalize/normalize.js";
import { endpointObjects, planStandins, standinAddress, STANDIN_MANAGED_BY } from "./plan.js";
import { resolveTargetPort, servicePorts } from "./target-port.js";

function setOf(text: string): ManifestSet {
  const objects = yaml.loadAll(text).filter(Boolean) as KubeObject[];
  return normalize(objects.map((object, documentIndex) => ({ object, source: { file: "test.yaml", line: 1, documentIndex } })));
}

const WORKLOADS = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: shop, namespace: shop }
spec:
  selector: { matchLabels: { app: shop } }
  template:
    metadata: { labels: { app: shop, tier: web } }
    spec:
      containers:
        - name: app
          image: shop:1
          ports: [{ name: http, containerPort: 8080 }, { name: admin, containerPort: 9090 }]
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: other, namespace: other }
spec:
  template:
    metadata: { labels: { app: shop } }
    spec:
      containers: [{ name: app, image: x, ports: [{ name: http, containerPort: 7777 }] }]
`;

function service(name: string, ports: string, extra = ""): string {
  return `---
apiVersion: v1
kind: Service
metadata: { name: ${name}, namespace: shop }
spec:
  selector: { app: shop }
  ports: ${ports}
${extra}`;
}

describe("resolveTargetPort", () => {
  const set = setOf(`${WORKLOADS}${service("shop", `[{ name: web, port: 80, targetPort: http }, { name: num, port: 81, targetPort: 3000 }, { name: same, port: 82 }, { name: str, port: 83, targetPort: "4000" }, { name: missing, port: 84, targetPort: grpc }]`)}`);
  const svc = set.manifests.find((m) => m.ref.kind === "Service")!;
  const ports = servicePorts(svc);
  const resolve = (name: string) => resolveTargetPort(svc, ports.find((p) => p.name === name)!, set);

  it("takes a numeric targetPort as is", () => {
    expect(resolve("num")).toEqual({ port: 3000 });
    expect(resolve("str")).toEqual({ port: 4000 });
  });

  it("uses the Service port when there is no targetPort", () => {
    expect(resolve("same")).toEqual({ port: 82 });
  });

  it("resolves a named targetPort through the containerPort of the selected workloads of the same namespace", () => {
    expect(resolve("web")).toEqual({ port: 8080 });
  });

  it("falls back to the Service port, with a note, when no selected workload names the port", () => {
    expect(resolve("missing")).toEqual({
      port: 84,
      note: "Service shop/shop port missing: no workload of the manifests selected by the Service has a containerPort named grpc; stand-in listens on the Service port 84",
    });
  });

  it("needs a selector match: a Service without selector selects nothing", () => {
    const bare = setOf(`${WORKLOADS}---
apiVersion: v1
kind: Service
metadata: { name: ext, namespace: shop }
spec: { ports: [{ name: web, port: 80, targetPort: http }] }
`);
    const s = bare.manifests.find((m) => m.ref.kind === "Service")!;
    expect(resolveTargetPort(s, servicePorts(s)[0]!, bare).port).toBe(80);
  });

  it("notes workloads that disagree on a named port", () => {
    const two = setOf(`${WORKLOADS}---
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: shop-canary, namespace: shop }
spec:
  template:
    metadata: { labels: { app: shop } }
    spec: { containers: [{ name: app, image: x, ports: [{ name: http, containerPort: 8081 }] }] }
${service("shop", "[{ name: web, port: 80, targetPort: http }]")}`);
    const s = two.manifests.find((m) => m.ref.kind === "Service")!;
    const r = resolveTargetPort(s, servicePorts(s)[0]!, two);
    expect(r.port).toBe(8080);
    expect(r.note).toMatch(/different containerPort in the selected workloads: 8080 \(Deployment shop\), 8081 \(StatefulSet shop-canary\)/);
  });
});

const ROUTES = `---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: shop, namespace: shop }
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - { path: /, pathType: Prefix, backend: { service: { name: shop, port: { name: web } } } }
          - { path: /gone, pathType: Prefix, backend: { service: { name: nowhere, port: { number: 80 } } } }
---
apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata: { name: api, namespace: shop }
spec:
  routes:
    - match: Host(\`api.example.com\`)
      services: [{ name: split, kind: TraefikService }]
      middlewares: [{ name: oops }]
---
apiVersion: traefik.io/v1alpha1
kind: TraefikService
metadata: { name: split, namespace: shop }
spec:
  weighted:
    services: [{ name: api-v1, port: 80 }, { name: api-v2, port: 80 }]
---
apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata: { name: oops, namespace: shop }
spec:
  errors: { status: ["500-599"], query: "/{status}.html", service: { name: errors, port: 80 } }
`;

describe("planStandins / endpointObjects", () => {
  const set = setOf(`${WORKLOADS}${ROUTES}
${service("shop", "[{ name: web, port: 80, targetPort: http }, { name: metrics, port: 9100, targetPort: 9100 }, { name: web2, port: 8000, targetPort: http }]")}
${service("api-v1", "[{ port: 80, targetPort: 8080 }]")}
${service("api-v2", "[{ port: 80 }]")}
${service("errors", "[{ name: http, port: 80, targetPort: 8080, protocol: TCP }, { name: dns, port: 53, protocol: UDP }]")}
${service("unused", "[{ port: 80 }]")}
---
apiVersion: v1
kind: Service
metadata: { name: nowhere, namespace: shop }
spec: { type: ExternalName, externalName: example.org }
`);
  const plan = planStandins(set);

  it("covers every Service routes reach (directly, through TraefikServices and errors middlewares), each on its own address", () => {
    expect(plan.services.map((s) => [s.name, s.address])).toEqual([
      ["api-v1", "198.18.1.1"],
      ["api-v2", "198.18.1.2"],
      ["errors", "198.18.1.3"],
      ["shop", "198.18.1.4"],
    ]);
    expect(plan.notes).toEqual([
      "Service shop/errors port dns is UDP: endpoints are written but no echo listener answers",
      "Service shop/nowhere is an ExternalName Service: no stand-in (the controller resolves its external name, which staging cannot reach)",
    ]);
  });

  it("has one listener per (Service, target port)", () => {
    expect(plan.listeners.filter((l) => l.service === "shop")).toEqual([
      { address: "198.18.1.4", port: 8080, namespace: "shop", service: "shop" },
      { address: "198.18.1.4", port: 9100, namespace: "shop", service: "shop" },
    ]);
    expect(plan.listeners.find((l) => l.service === "api-v2")).toEqual({ address: "198.18.1.2", port: 80, namespace: "shop", service: "api-v2" });
  });

  it("writes EndpointSlices whose port names are the Service port names and whose numbers are the target ports", () => {
    const objects = endpointObjects(plan);
    const slice = objects.find((o) => o.kind === "EndpointSlice" && o.metadata.name === "shop-kubegate");
    expect(slice).toEqual({
      apiVersion: "discovery.k8s.io/v1",
      kind: "EndpointSlice",
      metadata: { name: "shop-kubegate", namespace: "shop", labels: { "kubernetes.io/service-name": "shop", "endpointslice.kubernetes.io/managed-by": STANDIN_MANAGED_BY } },
      addressType: "IPv4",
      endpoints: [{ addresses: ["198.18.1.4"], conditions: { ready: true, serving: true, terminating: false } }],
      ports: [
        { name: "web", port: 8080, protocol: "TCP" },
        { name: "metrics", port: 9100, protocol: "TCP" },
        { name: "web2", port: 8080, protocol: "TCP" },
      ],
    });
    // An unnamed Service port has a slice port named "" (not a missing name: Traefik would not match it).
    expect(objects.find((o) => o.kind === "EndpointSlice" && o.metadata.name === "api-v1-kubegate")?.["ports"]).toEqual([{ name: "", port: 8080, protocol: "TCP" }]);
  });

  it("also writes plain Endpoints named like the Service", () => {
    const endpoints = endpointObjects(plan).find((o) => o.kind === "Endpoints" && o.metadata.name === "errors");
    expect(endpoints?.["subsets"]).toEqual([
      {
        addresses: [{ ip: "198.18.1.3" }],
        ports: [
          { name: "http", port: 8080, protocol: "TCP" },
          { name: "dns", port: 53, protocol: "UDP" },
        ],
      },
    ]);
    expect(endpointObjects(plan).filter((o) => o.kind === "Service")).toEqual([]);
  });

  it("notes a routed Service the manifests do not define", () => {
    const partial = planStandins(setOf(ROUTES));
    expect(partial.services).toEqual([]);
    expect(partial.notes).toContain("Service shop/shop is named by a route but not defined in the manifests: no stand-in");
  });
});

describe("standinAddress", () => {
  it("skips 198.18.0.x and host parts 0 and 255", () => {
    expect(standinAddress(0)).toBe("198.18.1.1");
    expect(standinAddress(253)).toBe("198.18.1.254");
    expect(standinAddress(254)).toBe("198.18.2.1");
    expect(standinAddress(255 * 254)).toBe("198.19.0.1");
  });
});
