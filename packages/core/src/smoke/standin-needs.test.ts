import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../model/kube-object.js";
import type { ManifestSet } from "../model/manifest.js";
import { normalize } from "../normalize/normalize.js";
import { decideStandins, outsideDependencies } from "./standin-needs.js";

function setOf(text: string): ManifestSet {
  const objects = yaml.loadAll(text).filter(Boolean) as KubeObject[];
  return normalize(objects.map((object, documentIndex) => ({ object, source: { file: "test.yaml", line: 1, documentIndex } })));
}

const ingress = (opts: { cls?: string; ns?: string; secret?: string; clusterIssuer?: string }) => `
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: ${opts.ns ?? "apps"}
  annotations: ${opts.clusterIssuer ? `{ cert-manager.io/cluster-issuer: ${opts.clusterIssuer} }` : "{}"}
spec:
  ingressClassName: ${opts.cls ?? "traefik"}
  tls: [{ hosts: [shop.example.com], secretName: ${opts.secret ?? "shop-tls"} }]
  rules: [{ host: shop.example.com, http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: shop, port: { number: 80 } } } }] } }]
---`;

const clusterIssuer = (name: string) => `
apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata: { name: ${name} }
spec: { acme: {} }
---`;

describe("stand-ins never mask the change", () => {
  it("lists what a side uses without providing it", () => {
    expect([...outsideDependencies(setOf(ingress({})))].sort()).toEqual(["IngressClass/traefik", "Namespace/apps", "Secret/apps/shop-tls"]);
  });

  it("stands in for what base and head both rely on, with the sides", () => {
    const d = decideStandins(setOf(ingress({})), setOf(ingress({})));
    expect(d.headOnly).toEqual([]);
    expect(d.standins).toContainEqual({ key: "IngressClass/traefik", sides: ["base", "head"] });
    expect(d.permits("head", "IngressClass/traefik")).toBe(true);
    expect(d.notes[0]).toContain("IngressClass traefik (base and head)");
  });

  it("does not stand in for a class, namespace or Secret only head relies on, and says head depends on it", () => {
    const d = decideStandins(setOf(ingress({})), setOf(ingress({ cls: "nginx-internal", ns: "shop", secret: "shop-tls-v2" })));
    expect(d.headOnly).toEqual(["IngressClass/nginx-internal", "Namespace/shop", "Secret/shop/shop-tls-v2"]);
    expect(d.permits("head", "IngressClass/nginx-internal")).toBe(false);
    expect(d.permits("base", "IngressClass/traefik")).toBe(true);
    expect(d.notes.join("\n")).toContain("head now depends on IngressClass nginx-internal, Namespace shop, Secret shop/shop-tls-v2: neither in the change nor relied on by base");
  });

  it("an issuer base shipped and head deletes is not stood in at head", () => {
    const d = decideStandins(setOf(`${clusterIssuer("letsencrypt")}${ingress({ clusterIssuer: "letsencrypt" })}`), setOf(ingress({ clusterIssuer: "letsencrypt" })));
    expect(d.headOnly).toContain("ClusterIssuer/letsencrypt");
    expect(d.permits("head", "ClusterIssuer/letsencrypt")).toBe(false);
    expect(d.permits("base", "ClusterIssuer/letsencrypt")).toBe(true);
  });

  it("an issuer head starts naming that neither side ships is assumed (incident 004: adopting cert-manager), and said so", () => {
    const d = decideStandins(setOf(ingress({})), setOf(ingress({ clusterIssuer: "discovery" })));
    expect(d.headOnly).toEqual([]);
    expect(d.assumedIssuers).toEqual(["ClusterIssuer/discovery"]);
    expect(d.permits("head", "ClusterIssuer/discovery")).toBe(true);
    expect(d.notes.join("\n")).toContain("head starts using ClusterIssuer discovery, which neither side ships");
  });

  it("an issuer both sides name outside the manifests is stood in; things head ships need no stand-in", () => {
    const d = decideStandins(setOf(ingress({ clusterIssuer: "letsencrypt" })), setOf(`${clusterIssuer("internal")}${ingress({ clusterIssuer: "internal" })}`));
    expect(d.headOnly).toEqual([]);
    expect(d.permits("head", "ClusterIssuer/internal")).toBe(true);
  });
});
