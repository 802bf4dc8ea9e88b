import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import rule from "./index.js";
import { fixtureCases, runRuleOnCase } from "../testing/run-fixture.js";
import { traefikCrdsDir } from "../../stage/tools/traefik-crds.js";

const dir = import.meta.dirname;
const fires = (name: string) => runRuleOnCase(rule, join(dir, "fixtures/fires", name));
/** A case folder without base.yaml/head.yaml: only the extra files given are loaded. */
const realOnly = join(dir, "fixtures");

describe("crd-without-schema", () => {
  it("fires on a new apiextensions v1beta1 CRD without validation", async () => {
    const findings = await fires("v1beta1-crd-without-validation");
    expect(findings).toHaveLength(1);
    expect(findings[0]!.severity).toBe("high");
    expect(findings[0]!.message).toContain("CRD traefikservices.traefik.containo.us (TraefikService) has no validating schema (version v1alpha1 has no schema (apiextensions.k8s.io/v1beta1 without spec.validation))");
    expect(findings[0]!.message).toContain("the API server will accept any malformed TraefikService");
  });

  it("fires on an unchanged schema-less CRD when the change applies custom resources through it", async () => {
    const findings = await fires("ingressroute-applied-through-schemaless-crd");
    expect(findings).toHaveLength(1);
    expect(findings[0]!.resource.name).toBe("ingressroutes.traefik.containo.us");
    expect(findings[0]!.message).toContain("this change applies 1 IngressRoute (monitoring/dashboard) through it");
    expect(findings[0]!.message).toContain("incident 000");
  });

  it("fires on x-kubernetes-preserve-unknown-fields at the root or on a property-less spec", async () => {
    const [root] = await fires("schema-replaced-by-preserve-unknown-fields");
    expect(root!.message).toContain("CRD httproutes.gateway.networking.k8s.io (HTTPRoute) has no validating schema (version v1 sets x-kubernetes-preserve-unknown-fields: true at the schema root)");
    const [spec] = await fires("argo-minimal-crd-spec-without-properties");
    expect(spec!.message).toContain("version v1alpha1 sets x-kubernetes-preserve-unknown-fields: true on spec and declares no properties");
  });

  it("stays quiet on schemas with nested preserve-unknown-fields and on untouched schema-less CRDs", async () => {
    for (const c of fixtureCases(dir, "quiet")) expect(await runRuleOnCase(rule, c), c).toEqual([]);
  });

  it("fires on every real Traefik v2.4.7 CRD (apiextensions v1beta1, schema-less)", async () => {
    const findings = await runRuleOnCase(rule, realOnly, { head: [await traefikCrdsDir("v2.4.13")] });
    expect(findings).toHaveLength(8);
    const ingressRoute = findings.find((f) => f.resource.name === "ingressroutes.traefik.containo.us");
    expect(ingressRoute!.message).toContain("the API server will accept any malformed IngressRoute");
  });

  it("stays quiet on the real Traefik v2.5.0 and v3.6.15 CRDs (schemas, nested preserve-unknown-fields only)", async () => {
    expect(await runRuleOnCase(rule, realOnly, { base: [await traefikCrdsDir("v2.4.13")], head: [await traefikCrdsDir("v2.5.0")] })).toEqual([]);
    expect(await runRuleOnCase(rule, realOnly, { head: [await traefikCrdsDir("v3.6.15")] })).toEqual([]);
  });

  it("stays quiet on an unchanged real v2.4 CRD set, and fires once an IngressRoute goes through it", async () => {
    const v24 = [await traefikCrdsDir("v2.4.13")];
    expect(await runRuleOnCase(rule, realOnly, { base: v24, head: v24 })).toEqual([]);
    const route = join(mkdtempSync(join(tmpdir(), "kubegate-crd-without-schema-")), "route.yaml");
    writeFileSync(route, MALFORMED_ROUTE);
    const findings = await runRuleOnCase(rule, realOnly, { base: v24, head: [...v24, route] });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.resource.name).toBe("ingressroutes.traefik.containo.us");
    expect(findings[0]!.message).toContain("this change applies 1 IngressRoute (web/shop) through it");
  });
});

/** Incident 000's mistake: `services` written as a map instead of a list. */
const MALFORMED_ROUTE = `apiVersion: traefik.containo.us/v1alpha1
kind: IngressRoute
metadata: { name: shop, namespace: web }
spec:
  routes:
    - match: Host(\`shop.example.com\`)
      kind: Rule
      services: { name: shop, port: 80 }
`;
