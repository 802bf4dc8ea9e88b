import { describe, expect, it } from "vitest";
import type { KubeObject } from "../model/kube-object.js";
import { SENTINEL_NAME, sentinelHost, sentinelRoute } from "./sync-sentinel.js";

const ingress: KubeObject = {
  apiVersion: "networking.k8s.io/v1",
  kind: "Ingress",
  metadata: { name: "shop", namespace: "apps", labels: { team: "a" }, annotations: { "traefik.ingress.kubernetes.io/router.entrypoints": "web" } },
  spec: { ingressClassName: "traefik", tls: [{ secretName: "shop-tls" }], rules: [{ host: "shop.example.com", http: { paths: [{ path: "/api", pathType: "Prefix", backend: { service: { name: "shop", port: { number: 80 } } } }] } }] },
};
const ingressRoute: KubeObject = {
  apiVersion: "traefik.io/v1alpha1",
  kind: "IngressRoute",
  metadata: { name: "web", namespace: "apps" },
  spec: { entryPoints: ["websecure"], routes: [{ match: "Host(`web.example.com`)", kind: "Rule", middlewares: [{ name: "auth" }], services: [{ name: "web", port: 80 }] }], tls: { secretName: "web-tls" } },
};

describe("sentinelRoute", () => {
  it("copies an Ingress with its class, labels and annotations, one path to its backend, no TLS", () => {
    const s = sentinelRoute([ingress], new Set(["Ingress"]), sentinelHost(3));
    expect(s).toEqual({
      apiVersion: "networking.k8s.io/v1",
      kind: "Ingress",
      metadata: { name: SENTINEL_NAME, namespace: "apps", labels: { team: "a" }, annotations: { "traefik.ingress.kubernetes.io/router.entrypoints": "web" } },
      spec: { ingressClassName: "traefik", rules: [{ host: "sync-3.kubegate.invalid", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "shop", port: { number: 80 } } } }] } }] },
    });
  });

  it("copies an IngressRoute's entrypoints and services under the sentinel host, only for kinds the controller reads", () => {
    expect((sentinelRoute([ingress, ingressRoute], new Set(["IngressRoute"]), "sync-1.kubegate.invalid") as { spec?: unknown } | undefined)?.spec).toEqual({ entryPoints: ["websecure"], routes: [{ kind: "Rule", match: "Host(`sync-1.kubegate.invalid`)", services: [{ name: "web", port: 80 }] }] });
    expect(sentinelRoute([ingressRoute], new Set(["Ingress"]), "x")).toBeUndefined();
  });
});
