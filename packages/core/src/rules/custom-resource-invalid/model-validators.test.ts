import { beforeAll, describe, expect, it } from "vitest";
import { loadModelValidators, ModelNotLoadedError, modelTypes, modelValidator } from "./model-validators.js";

const route = (port: unknown, middlewares: unknown = [{ name: "auth" }]) => ({
  apiVersion: "traefik.io/v1alpha1",
  kind: "IngressRoute",
  metadata: { name: "web", namespace: "shop" },
  spec: { routes: [{ match: "Host(`a`)", kind: "Rule", middlewares, services: [{ name: "web", port }] }] },
});

describe("modelValidator before any load", () => {
  it("throws for a kind it has a model for (a caller that skipped loadModelValidators fails loudly), and is undefined for others", () => {
    expect(() => modelValidator("traefik.io/v1alpha1", "TLSStore")).toThrow(ModelNotLoadedError);
    expect(modelValidator("widgets.example.com/v1", "Widget")).toBeUndefined();
  });
});

describe("modelValidator", () => {
  beforeAll(async () => {
    await loadModelValidators(modelTypes().map((t) => ({ apiVersion: t.slice(0, t.lastIndexOf("/")), kind: t.slice(t.lastIndexOf("/") + 1) })));
  });

  it("resolves apiVersion + kind to the @kubernetes-models class", () => {
    expect(modelValidator("traefik.io/v1alpha1", "IngressRoute")?.source).toBe("@kubernetes-models/traefik");
    expect(modelValidator("cert-manager.io/v1", "Certificate")?.source).toBe("@kubernetes-models/cert-manager");
    expect(modelValidator("gateway.networking.k8s.io/v1", "HTTPRoute")?.source).toBe("@kubernetes-models/gateway-api");
    expect(modelValidator("gateway.networking.k8s.io/v1beta1", "HTTPRoute")?.apiVersion).toBe("gateway.networking.k8s.io/v1beta1");
    expect(modelValidator("widgets.example.com/v1", "Widget")).toBeUndefined();
    expect(modelValidator("traefik.io/v1alpha1", "IngressRouteList")).toBeUndefined();
  });

  it("maps Traefik v2's traefik.containo.us onto the traefik.io models", () => {
    const v = modelValidator("traefik.containo.us/v1alpha1", "IngressRoute")!;
    expect(v.apiVersion).toBe("traefik.io/v1alpha1");
    expect(v.validate({ ...route(80), apiVersion: "traefik.containo.us/v1alpha1" })).toEqual([]);
  });

  it("returns the ajv errors of an invalid object", () => {
    const v = modelValidator("traefik.io/v1alpha1", "IngressRoute")!;
    expect(v.validate(route("http"))).toEqual([]);
    expect(v.validate(route(80, "auth"))).toEqual([expect.objectContaining({ instancePath: "/spec/routes/0/middlewares", keyword: "type" })]);
    const cert = modelValidator("cert-manager.io/v1", "Certificate")!;
    const errors = cert.validate({ apiVersion: "cert-manager.io/v1", kind: "Certificate", metadata: { name: "c" }, spec: { dnsNames: ["a"], issuerRef: { name: "le" } } });
    expect(errors).toEqual([expect.objectContaining({ keyword: "required", params: { missingProperty: "secretName" } })]);
  });

  it("covers every top-level Traefik kind", () => {
    for (const kind of ["IngressRoute", "IngressRouteTCP", "IngressRouteUDP", "Middleware", "MiddlewareTCP", "ServersTransport", "ServersTransportTCP", "TLSOption", "TLSStore", "TraefikService"]) {
      expect(modelTypes()).toContain(`traefik.io/v1alpha1/${kind}`);
    }
  });
});
