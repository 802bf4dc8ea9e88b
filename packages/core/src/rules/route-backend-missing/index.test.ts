import { join } from "node:path";
import { describe, expect, it } from "vitest";
import rule from "./index.js";
import { fixtureCases, runRuleOnCase } from "../testing/run-fixture.js";

const dir = import.meta.dirname;
const fires = (name: string) => runRuleOnCase(rule, join(dir, "fixtures/fires", name));

describe("route-backend-missing", () => {
  it("reports a new route to a Service that does not exist, as high", async () => {
    const findings = await fires("missing-service");
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain("Ingress shop/shop#0 shop.example.com/api");
    expect(findings[0]!.message).toContain("Service shop/shop-api does not exist");
    expect(findings[0]!.severity).toBe("high");
  });

  it("reports a port the Service no longer exposes as critical, listing the ports it has", async () => {
    const findings = await fires("service-port-changed");
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain("IngressRoute apps/whoami#0 whoami.example.com");
    expect(findings[0]!.message).toContain('Service apps/whoami has no port 80 (its ports: 8080 "web")');
    expect(findings[0]!.message).toContain("worked in base");
    expect(findings[0]!.severity).toBe("critical");
  });

  it("splits the router.middlewares annotation into a namespace with dashes and a name", async () => {
    const findings = await fires("ingress-middleware-missing");
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain("Middleware kube-system/redirect-https (Traefik id kube-system-redirect-https@kubernetescrd) does not exist");
    expect(findings[0]!.message).toContain("docs.example.com");
    expect(findings[0]!.resource).toMatchObject({ kind: "Ingress", name: "docs" });
  });

  it("reports a missing TraefikService and TLSOption of an IngressRoute", async () => {
    const findings = await fires("traefik-references-missing");
    const messages = findings.filter((f) => f.severity !== "warning").map((f) => f.message);
    expect(messages).toHaveLength(2);
    // The repository ships no Secret, Certificate, SealedSecret or ExternalSecret: the TLS Secret cannot be checked, and that is said.
    expect(findings.filter((f) => f.severity === "warning").map((f) => f.message)).toEqual([expect.stringContaining("Secret app/app-tls is not in this repository, which ships no Secret at all")]);
    expect(messages.some((m) => m.includes("TraefikService app/app-canari does not exist"))).toBe(true);
    expect(messages.some((m) => m.includes("TLSOption app/modern (tls.options) does not exist"))).toBe(true);
  });

  it("reports a deleted Service once per Ingress, naming every host, as a regression", async () => {
    const findings = await fires("service-deleted");
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain("Ingress store/store#0 store.example.com/api (+1 more route of it), hosts store.example.com, api.store.example.com");
    expect(findings[0]!.message).toContain("Service store/api does not exist");
    expect(findings[0]!.severity).toBe("critical");
  });

  it("stays quiet on near-misses", async () => {
    for (const c of fixtureCases(dir, "quiet")) expect(await runRuleOnCase(rule, c), c).toEqual([]);
  });

  it("a route-only repository: every reference it cannot check is a warning naming the kind, never silence", async () => {
    const findings = await fires("routes-only-repo-unchecked");
    expect(findings.map((f) => f.severity)).toEqual(["warning", "warning"]);
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining("Service portal/portal is not in this repository, which ships no Service at all, so kubegate cannot check that it exists"),
      expect.stringContaining("Middleware portal/auth is not in this repository, which ships no Middleware at all"),
    ]);
  });

  it("an HTTPRoute whose parent Gateway or listener does not exist is not attached", async () => {
    const messages = (await fires("gateway-listener-missing")).map((f) => f.message);
    expect(messages).toEqual([
      expect.stringContaining("parent Gateway gateways/public has no listener named https (its listeners: web, websecure) in head; no Gateway listener accepts the route, so its hosts answer 404"),
      expect.stringContaining("parent Gateway gateways/internal does not exist in head"),
    ]);
  });

  it("a ServersTransport, a TLS Secret and a cert-manager issuer that do not exist", async () => {
    const findings = await fires("tls-and-transport-missing");
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      ["high", expect.stringContaining("ServersTransport shop/shop-mtls (serversTransport) does not exist in head")],
      // Secrets are often made outside the repository: named, never a block.
      ["warning", expect.stringContaining("TLS Secret shop/shop-tls is not in the change and nothing in it creates it")],
      ["high", expect.stringContaining("ClusterIssuer letsencrypt-prod (cert-manager annotation) does not exist, so no certificate is issued")],
    ]);
  });
});
