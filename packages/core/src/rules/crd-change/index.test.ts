import { join } from "node:path";
import { describe, expect, it } from "vitest";
import rule from "./index.js";
import { fixtureCases, runRuleOnCase } from "../testing/run-fixture.js";
import { traefikCrdsDir } from "../../stage/tools/traefik-crds.js";

const dir = import.meta.dirname;
const fires = (name: string) => runRuleOnCase(rule, join(dir, "fixtures/fires", name));
/** A case folder without base.yaml/head.yaml: only the extra files given are loaded. */
const realOnly = join(dir, "fixtures");

describe("crd-change", () => {
  it("says helm upgrade will not apply a change to a CRD of a chart's crds/ folder", async () => {
    const findings = await fires("helm-crds-folder-schema-tightened");
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toMatch(/^helm upgrade will not apply this CRD change \(Helm installs a chart's crds\/ once and never upgrades them\): apply it yourself before the new controller starts\. CRD middlewares\.edge\.example\.io/);
  });

  it("reports a removed version", async () => {
    const findings = await fires("cert-manager-drops-old-version");
    expect(findings).toHaveLength(1);
    expect(findings[0]!.severity).toBe("high");
    expect(findings[0]!.resource.name).toBe("certificates.cert-manager.io");
    expect(findings[0]!.message).toContain("CRD certificates.cert-manager.io (Certificate) changes in ways that can break existing objects");
    expect(findings[0]!.message).toContain("version v1alpha2 removed");
  });

  it("lists every schema tightening of one CRD in one finding, with version and JSON path", async () => {
    const findings = await fires("schema-tightened");
    expect(findings).toHaveLength(1);
    const message = findings[0]!.message;
    expect(message).toContain("version v1alpha1 $.spec.entryPoints: newly required");
    expect(message).toContain('version v1alpha1 $.spec.routes[*].kind: enum narrowed ("Regexp" no longer allowed)');
    expect(message).toContain("version v1alpha1 $.spec.routes[*].priority: type changed from integer to string");
    expect(message).toContain("version v1alpha1 $.spec.routes[*].observability: x-kubernetes-preserve-unknown-fields removed");
    expect(message).toContain("version v1alpha1 $.spec.routes[*].legacyHeaders: property removed");
    expect(message.split("; ")).toHaveLength(5);
  });

  it("reports a schema added to a schema-less CRD", async () => {
    const [finding] = await fires("schema-added-to-schemaless-crd");
    expect(finding!.message).toContain("CRD tlsoptions.traefik.containo.us (TLSOption)");
    expect(finding!.message).toContain("version v1alpha1: schema added where there was none");
  });

  it("reports a storage version change and a version no longer served", async () => {
    const [finding] = await fires("storage-moves-and-old-version-unserved");
    expect(finding!.message).toContain("storage version changed from v1beta1 to v1");
    expect(finding!.message).toContain("version v1beta1 no longer served");
    expect(finding!.message).not.toContain("v1beta1 removed");
  });

  it("reports a scope change", async () => {
    const [finding] = await fires("scope-changed");
    expect(finding!.message).toContain("scope changed from Namespaced to Cluster");
  });

  it("stays quiet on benign edits, loosening, and a CRD that moves to another name", async () => {
    const cases = fixtureCases(dir, "quiet");
    expect(cases.length).toBeGreaterThanOrEqual(3);
    for (const c of cases) expect(await runRuleOnCase(rule, c), c).toEqual([]);
  });

  it("Traefik v2.4.7 -> v2.5.0: every kept CRD gains a schema (v1beta1 schema-less -> v1)", async () => {
    const findings = await runRuleOnCase(rule, realOnly, { base: [await traefikCrdsDir("v2.4.13")], head: [await traefikCrdsDir("v2.5.0")] });
    // v2.5.0 adds middlewaretcps (a create, not a change): the 8 CRDs of v2.4.7 change.
    expect(findings).toHaveLength(8);
    const ingressRoute = findings.find((f) => f.resource.name === "ingressroutes.traefik.containo.us");
    expect(ingressRoute!.message).toContain("CRD ingressroutes.traefik.containo.us (IngressRoute) changes in ways that can break existing objects: version v1alpha1: schema added where there was none");
    // Nothing else is risky: same version, still served, still the storage version, same scope.
    expect(ingressRoute!.message.split("; ")).toHaveLength(1);
  });

  it("Traefik v2.5.0 -> v3.6.15 is delete + create (traefik.containo.us -> traefik.io), not a change", async () => {
    const findings = await runRuleOnCase(rule, realOnly, { base: [await traefikCrdsDir("v2.5.0")], head: [await traefikCrdsDir("v3.6.15")] });
    expect(findings).toEqual([]);
  });

  it("stays quiet on an unchanged real CRD set", async () => {
    const findings = await runRuleOnCase(rule, realOnly, { base: [await traefikCrdsDir("v3.6.15")], head: [await traefikCrdsDir("v3.6.15")] });
    expect(findings).toEqual([]);
  });
});
