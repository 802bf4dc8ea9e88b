import { describe, expect, it } from "vitest";
import { applyBody, applyPhase } from "./apply-manifests.js";

describe("applyPhase", () => {
  it("puts CRDs and Namespaces first, webhooks and APIServices last", () => {
    expect(applyPhase({ apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition" })).toBe(0);
    expect(applyPhase({ apiVersion: "v1", kind: "Namespace" })).toBe(0);
    expect(applyPhase({ apiVersion: "traefik.io/v1alpha1", kind: "IngressRoute" })).toBe(1);
    expect(applyPhase({ apiVersion: "v1", kind: "Service" })).toBe(1);
    expect(applyPhase({ apiVersion: "admissionregistration.k8s.io/v1", kind: "ValidatingWebhookConfiguration" })).toBe(2);
    expect(applyPhase({ apiVersion: "apiregistration.k8s.io/v1", kind: "APIService" })).toBe(2);
  });
});

describe("applyBody", () => {
  it("drops server-owned metadata and status, leaves the input alone", () => {
    const input = { apiVersion: "v1", kind: "Service", metadata: { name: "a", namespace: "b", resourceVersion: "7", uid: "u", labels: { x: "y" } }, spec: { ports: [] }, status: { loadBalancer: {} } };
    expect(applyBody(input)).toEqual({ apiVersion: "v1", kind: "Service", metadata: { name: "a", namespace: "b", labels: { x: "y" } }, spec: { ports: [] } });
    expect(input.metadata.resourceVersion).toBe("7");
  });
});
