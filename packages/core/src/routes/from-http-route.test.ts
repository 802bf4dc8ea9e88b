import { describe, expect, it } from "vitest";
import { buildSides } from "../check/build-sides.js";
import { parseSources } from "../load/load-manifests.js";
import { routeTable } from "./route-table.js";

const set = (text: string) => buildSides([], parseSources([{ file: "m.yaml", text, format: "yaml" }]), {}).head;

const GATEWAY = `
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: traefik}
spec:
  gatewayClassName: traefik
  listeners:
  - {name: http, port: 8000, protocol: HTTP}
  - {name: https, port: 8443, protocol: HTTPS, tls: {certificateRefs: [{name: public-tls}]}}
  - {name: tcp, port: 9000, protocol: TCP}
`;

describe("routes from HTTPRoute", () => {
  it("carries the parent Gateway's HTTP(S) listener ports (not listener names as entrypoints), its TLS, paths and backends", () => {
    const routes = routeTable(
      set(`${GATEWAY}---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: api, namespace: apps}
spec:
  parentRefs: [{name: public, namespace: traefik}]
  hostnames: [api.example.com]
  rules:
  - matches: [{path: {type: RegularExpression, value: "^/v[0-9]+/"}}]
    backendRefs: [{name: api, port: 80}]
`),
    );
    expect(routes).toHaveLength(1);
    expect(routes[0]).toMatchObject({ entryPoints: [], listenerPorts: [8000, 8443], hosts: ["api.example.com"], path: { type: "Regex", value: "^/v[0-9]+/" }, tls: { secretName: "public-tls" } });
    expect(routes[0]!.backends).toEqual([{ kind: "Service", namespace: "apps", name: "api", port: 80 }]);
  });

  it("narrows to the listener a sectionName picks, and has no ports when the Gateway is elsewhere", () => {
    const routes = routeTable(
      set(`${GATEWAY}---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: apps}
spec:
  parentRefs: [{name: public, namespace: traefik, sectionName: http}]
  rules: [{backendRefs: [{name: web, port: 80}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: other, namespace: apps}
spec:
  parentRefs: [{name: shared-gateway, namespace: infra}]
  rules: [{backendRefs: [{name: web, port: 80}]}]
`),
    );
    expect(routes.find((r) => r.source.ref.name === "web")).toMatchObject({ listenerPorts: [8000] });
    expect(routes.find((r) => r.source.ref.name === "web")!.tls).toBeUndefined();
    expect(routes.find((r) => r.source.ref.name === "other")!.listenerPorts).toBeUndefined();
  });
});
