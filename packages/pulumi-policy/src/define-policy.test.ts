import type { KubeObject } from "@kubegate/core";
import { describe, expect, it } from "vitest";
import { routeBackendMissing } from "./policies/route-backend-missing.js";
import { runStackPolicy, stackArgs, UNKNOWN_STRING } from "./testing/policy-args.js";

const ingress = (service: string): KubeObject => ({
  apiVersion: "networking.k8s.io/v1",
  kind: "Ingress",
  metadata: { name: "shop", namespace: "shop" },
  spec: { rules: [{ host: "shop.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: service, port: { number: 80 } } } }] } }] },
});
const service: KubeObject = { apiVersion: "v1", kind: "Service", metadata: { name: "shop", namespace: "shop" }, spec: { ports: [{ port: 80 }] } };
/** Some Service in the cluster: with none at all, route-backend-missing assumes they live elsewhere. */
const other: KubeObject = { apiVersion: "v1", kind: "Service", metadata: { name: "other", namespace: "shop" }, spec: { ports: [{ port: 80 }] } };

describe("stack policies", () => {
  it("check each provider's (cluster's) resources on their own: the same name in two clusters is no conflict", async () => {
    const args = stackArgs([ingress("shop"), service, ingress("shop"), service]);
    args.resources.forEach((r, i) => (r.provider = { type: "pulumi:providers:kubernetes", props: {}, urn: `urn:pulumi:dev::p::pulumi:providers:kubernetes::cluster-${i < 2 ? "a" : "b"}`, name: "p" }));
    expect(await runStackPolicy(routeBackendMissing, args)).toEqual([]);
  });

  it("see a Service missing in the other cluster", async () => {
    const args = stackArgs([ingress("shop"), service, ingress("shop"), other]);
    args.resources.forEach((r, i) => (r.provider = { type: "pulumi:providers:kubernetes", props: {}, urn: `urn:pulumi:dev::p::pulumi:providers:kubernetes::cluster-${i < 2 ? "a" : "b"}`, name: "p" }));
    expect(await runStackPolicy(routeBackendMissing, args)).toHaveLength(1);
  });

  it("leave out objects whose name is unknown during preview, and unknown fields of the others", async () => {
    const unnamed = { ...service, metadata: { name: UNKNOWN_STRING, namespace: "shop" } };
    const withUnknownLabel = ingress("shop");
    (withUnknownLabel.metadata.labels as unknown) = { version: UNKNOWN_STRING };
    const reported = await runStackPolicy(routeBackendMissing, stackArgs([withUnknownLabel, unnamed, other]));
    expect(reported).toHaveLength(1);
    expect(reported[0]!.message).toContain("Service shop/shop");
  });
});
