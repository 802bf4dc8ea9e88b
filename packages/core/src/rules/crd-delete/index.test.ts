import { join } from "node:path";
import { describe, expect, it } from "vitest";
import rule from "./index.js";
import { fixtureCases, runRuleOnCase } from "../testing/run-fixture.js";
import { traefikCrdsDir } from "../../stage/tools/traefik-crds.js";

const dir = import.meta.dirname;
/** A case folder without base.yaml/head.yaml: only the extra files given are loaded. */
const realOnly = join(dir, "fixtures");

describe("crd-delete", () => {
  it("names the kind, counts the custom resources deleted with it and those head still applies", async () => {
    const findings = await runRuleOnCase(rule, join(dir, "fixtures/fires/middleware-crd-removed-objects-left"));
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f!.severity).toBe("critical");
    expect(f!.resource.name).toBe("middlewares.traefik.io");
    expect(f!.file).toMatch(/base\.yaml$/);
    expect(f!.message).toContain("CRD middlewares.traefik.io (Middleware) is deleted: the API server deletes every Middleware (traefik.io) in every namespace with it");
    expect(f!.message).toContain("base holds 2 of them (web/https-redirect, api/strip-api), which will be deleted");
    expect(f!.message).toContain("head still defines 1 (web/https-redirect): they will be rejected");
  });

  it("fires on a CRD replaced by one under another name, even when the diff pairs them as a rename", async () => {
    const findings = await runRuleOnCase(rule, join(dir, "fixtures/fires/traefik-v2-crd-dropped-for-v3"));
    expect(findings).toHaveLength(1);
    const message = findings[0]!.message;
    expect(message).toContain("CRD ingressroutes.traefik.containo.us (IngressRoute) is deleted");
    // The traefik.io IngressRoute shares the canonical identity but is not deleted with the old CRD.
    expect(message).toContain("base holds 1 of them (shop/shop)");
    expect(message).not.toContain("rejected");
    expect(message).toContain("head serves IngressRoute from ingressroutes.traefik.io instead");
  });

  it("Helm keeps a CRD of a chart's crds/ folder: a warning that the objects stay unread, not a deletion", async () => {
    const findings = await runRuleOnCase(rule, join(dir, "fixtures/fires/helm-chart-drops-crd-from-crds-folder"));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.severity).toBe("warning");
    expect(findings[0]!.message).toContain("CRD middlewares.edge.example.com (Middleware) leaves the chart's crds/ folder: the CRD stays (helm upgrade and uninstall never delete a chart's CRDs)");
    expect(findings[0]!.message).toContain("head reads Middleware from middlewares.edge.example.io");
    expect(findings[0]!.message).not.toContain("deletes every");
  });

  it("stays quiet when only custom resources go or the CRD is upgraded in place", async () => {
    for (const c of fixtureCases(dir, "quiet")) expect(await runRuleOnCase(rule, c), c).toEqual([]);
  });

  it("Traefik v2.5.0 -> v3.6.15 deletes every traefik.containo.us CRD", async () => {
    const findings = await runRuleOnCase(rule, realOnly, { base: [await traefikCrdsDir("v2.5.0")], head: [await traefikCrdsDir("v3.6.15")] });
    expect(findings.map((f) => f.resource.name).sort()).toEqual([
      "ingressroutes.traefik.containo.us",
      "ingressroutetcps.traefik.containo.us",
      "ingressrouteudps.traefik.containo.us",
      "middlewares.traefik.containo.us",
      "middlewaretcps.traefik.containo.us",
      "serverstransports.traefik.containo.us",
      "tlsoptions.traefik.containo.us",
      "tlsstores.traefik.containo.us",
      "traefikservices.traefik.containo.us",
    ]);
    expect(findings.every((f) => f.severity === "critical")).toBe(true);
    const ingressRoute = findings.find((f) => f.resource.name === "ingressroutes.traefik.containo.us");
    expect(ingressRoute!.message).toContain("base holds none, but the cluster may hold others that will be deleted");
  });

  it("stays quiet on Traefik v2.4.7 -> v2.5.0 (same CRD names, updated in place)", async () => {
    const findings = await runRuleOnCase(rule, realOnly, { base: [await traefikCrdsDir("v2.4.13")], head: [await traefikCrdsDir("v2.5.0")] });
    expect(findings).toEqual([]);
  });
});
