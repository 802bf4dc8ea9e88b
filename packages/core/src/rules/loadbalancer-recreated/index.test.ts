import { join } from "node:path";
import { describe, expect, it } from "vitest";
import rule from "./index.js";
import { fixtureCases, runRuleOnCase } from "../testing/run-fixture.js";

const dir = import.meta.dirname;
const fires = (name: string) => runRuleOnCase(rule, join(dir, "fixtures/fires", name));

describe("loadbalancer-recreated", () => {
  it("incident 002: uninstalling Traefik deletes its LoadBalancer and names every host routed through it", async () => {
    const findings = await fires("traefik-uninstalled-incident-002");
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f!.severity).toBe("critical");
    expect(f!.resource).toMatchObject({ kind: "Service", namespace: "default", name: "traefik" });
    expect(f!.helmSource).toBe("traefik/templates/service.yaml");
    expect(f!.message).toMatch(/^Service default\/traefik \(type LoadBalancer\) is deleted: /);
    expect(f!.message).toContain("incident 002");
    // IngressRoutes and the unclassed Ingress are all served by that Traefik.
    expect(f!.message).toContain("need DNS changes: exports-api.k8s.saas.example.com, reports-api.k8s.saas.example.com, users-api.k8s.saas.example.com.");
    expect(f!.message).toContain("Deployment default/traefik (traefik:2.5.6)");
  });

  it("a renamed release recreates the Service; hosts of another ingress class are left out", async () => {
    const [f, ...rest] = await fires("release-renamed");
    expect(rest).toEqual([]);
    expect(f!.resource.name).toBe("traefik-public");
    expect(f!.message).toContain("Service traefik/traefik (type LoadBalancer) is renamed to Service traefik/traefik-public");
    expect(f!.message).toContain("need DNS changes: billing.example.com, shop.example.com, www.shop.example.com.");
    expect(f!.message).not.toContain("admin.legacy.example.com");
  });

  it("a type change releases the address; names external-dns records and warns that the Elastic IPs alone do not help", async () => {
    const [f, ...rest] = await fires("nginx-lb-changed-to-nodeport");
    expect(rest).toEqual([]);
    expect(f!.severity).toBe("critical");
    expect(f!.message).toContain("Service ingress-nginx/ingress-nginx-controller (type LoadBalancer) is changed to type NodePort");
    // The controller runs with --ingress-class=nginx: the traefik-class Ingress is left out.
    expect(f!.message).toContain("need DNS changes: checkout.shop.example.com.");
    expect(f!.message).not.toContain("grafana.ops.example.com");
    expect(f!.message).toContain("external-dns publishes ingress.shop.example.com");
    expect(f!.message).toContain("service.beta.kubernetes.io/aws-load-balancer-eip-allocations eipalloc-0a1b2c3d4e5f60718");
    expect(f!.message).toContain("head no longer has this LoadBalancer Service");
  });

  it("an immutable-field recreate with a pinned loadBalancerIP says the IP may be kept but must be verified", async () => {
    const [f, ...rest] = await fires("pinned-ip-service-recreated");
    expect(rest).toEqual([]);
    expect(f!.message).toContain("is recreated (spec.clusterIP changed (immutable))");
    expect(f!.message).toContain("need DNS changes: bloomremit.net, trade.bloom.solutions.");
    expect(f!.message).toContain("spec.loadBalancerIP 203.0.113.24) and head keeps the pin: the IP may be kept");
    expect(f!.message).toContain("verify");
    // head keeps the same source ranges: nothing to say about them.
    expect(f!.message).not.toContain("loadBalancerSourceRanges");
  });

  it("stays quiet on in-place updates, ClusterIP deletions and new LoadBalancers", async () => {
    const cases = fixtureCases(dir, "quiet");
    expect(cases.map((c) => c.split("/").pop())).toEqual(["clusterip-becomes-loadbalancer", "clusterip-dashboard-deleted", "lb-updated-in-place"]);
    for (const c of cases) expect(await runRuleOnCase(rule, c), c).toEqual([]);
  });
});
