import { join } from "node:path";
import { describe, expect, it } from "vitest";
import rule from "./index.js";
import { fixtureCases, runRuleOnCase } from "../testing/run-fixture.js";

const dir = import.meta.dirname;
const fires = (name: string) => runRuleOnCase(rule, join(dir, "fixtures/fires", name));

describe("network-policy-isolates-ingress", () => {
  it("incident 003: a Calico default-deny GlobalNetworkPolicy cuts ingress-nginx off from every backend", async () => {
    const findings = await fires("incident-003-calico-default-deny");
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f!.severity).toBe("critical");
    expect(f!.resource).toMatchObject({ kind: "GlobalNetworkPolicy", name: "default-deny" });
    expect(f!.message).toContain("GlobalNetworkPolicy default-deny cuts the ingress controller Deployment ingress-nginx/nginx-ingress-controller (namespace ingress-nginx) off from the backends of 2 routes");
    expect(f!.message).toContain("portal.example.com/api (Service portal/portal-api, pod port 8080)");
    expect(f!.message).toContain("portal.example.com/ (Service portal/portal-web, pod port 3000)");
    expect(f!.incidents).toEqual(["003_ae69f1f5f80854b3"]);
  });

  it("a namespace default deny without the allow rule for Traefik", async () => {
    const [f, ...rest] = await fires("default-deny-namespace");
    expect(rest).toEqual([]);
    expect(f!.message).toContain("NetworkPolicy shop/default-deny-ingress cuts the ingress controller Deployment traefik/traefik");
    expect(f!.message).toContain("shop.example.com,www.shop.example.com");
  });

  it("an allow rule by a namespace label the controller's Namespace does not carry", async () => {
    const [f] = await fires("allow-wrong-namespace-label");
    expect(f!.message).toContain("NetworkPolicy shop/allow-from-ingress");
    expect(f!.message).toContain("allows the controller's traffic to their port");
  });

  it("an allow rule for the controller on the wrong port names only the route behind that port", async () => {
    const [f] = await fires("port-mismatch");
    expect(f!.message).toContain("backends of 1 route: portal.example.com/ (Service portal/portal-web, pod port 3000)");
    expect(f!.message).not.toContain("portal-api");
  });

  it("a Calico Deny rule ahead of the Allow for Traefik", async () => {
    const [f] = await fires("calico-deny-before-allow");
    expect(f!.resource).toMatchObject({ apiVersion: "projectcalico.org/v3", kind: "NetworkPolicy", namespace: "shop" });
    expect(f!.message).toContain("a Deny rule in it matches the controller's traffic before anything allows it");
  });

  it("without a controller in the manifests, assumes it runs in another namespace", async () => {
    const [f] = await fires("no-controller-in-change");
    expect(f!.message).toContain("cuts the ingress controller (not in these manifests; assumed to run in a namespace of its own) off");
    expect(f!.message).toContain("billing.example.com/ (Service billing/billing, pod port 8080)");
  });

  it("stays quiet when the controller is allowed, the policy selects no backend, or only egress is restricted", async () => {
    const cases = fixtureCases(dir, "quiet");
    expect(cases.length).toBeGreaterThanOrEqual(6);
    for (const c of cases) expect(await runRuleOnCase(rule, c), c).toEqual([]);
  });
});
