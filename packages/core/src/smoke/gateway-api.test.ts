import { describe, expect, it } from "vitest";
import { buildSides } from "../check/build-sides.js";
import { parseSources } from "../load/load-manifests.js";
import { missingGatewayClasses, shipsGatewayCrds, usesGatewayApi } from "./gateway-api.js";
import { planProbes } from "./route-targets.js";

const set = (text: string) => buildSides([], parseSources([{ file: "m.yaml", text, format: "yaml" }]), {}).head;

const APP = set(`
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: traefik}
spec:
  gatewayClassName: traefik
  listeners: [{name: http, port: 8000, protocol: HTTP}, {name: legacy, port: 80, protocol: HTTP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: apps}
spec:
  parentRefs: [{name: public, namespace: traefik, sectionName: http}]
  hostnames: [shop.example.com]
  rules: [{backendRefs: [{name: shop, port: 80}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: old, namespace: apps}
spec:
  parentRefs: [{name: public, namespace: traefik, sectionName: legacy}]
  hostnames: [old.example.com]
  rules: [{backendRefs: [{name: old, port: 80}]}]
`);

describe("Gateway API stand-ins", () => {
  it("sees Gateway API use, the CRDs it lacks and the GatewayClasses it names without declaring", () => {
    expect(usesGatewayApi([APP])).toBe(true);
    expect(shipsGatewayCrds([APP])).toBe(false);
    expect(missingGatewayClasses(APP)).toEqual(["traefik"]);
    expect(usesGatewayApi([set("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n")])).toBe(false);
  });

  it("probes a route on the entrypoint listening on its listener's port, and says so when none does", () => {
    const probes = planProbes(APP, ["web", "websecure"], new Set(["websecure"]), { web: 8000, websecure: 8443 });
    const shop = probes.find((p) => p.host === "shop.example.com")!;
    expect(shop).toMatchObject({ entrypoint: "web", expected: { namespace: "apps", service: "shop" } });
    expect(shop.skipped).toBeUndefined();
    expect(probes.find((p) => p.host === "old.example.com")!.skipped).toBe("no entrypoint of the controller listens on its Gateway listener port 80 (entrypoints: web=8000, websecure=8443)");
  });
});
