import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildSides } from "../../check/build-sides.js";
import { loadManifests } from "../../load/load-manifests.js";
import type { KubeObject } from "../../model/kube-object.js";
import { runRules } from "../run-rules.js";
import { fixtureCases, runRuleOnCase } from "../testing/run-fixture.js";
import { traefikCrdsDir } from "../../stage/tools/traefik-crds.js";
import rule from "./index.js";
import { loadModelValidators } from "./model-validators.js";

const dir = import.meta.dirname;
const fires = (name: string) => join(dir, "fixtures/fires", name);
const withCrds = (name: string) => join(dir, "fixtures/with-traefik-crds", name);

const located = (objects: KubeObject[]) => objects.map((object, i) => ({ object, source: { file: "change.yaml", line: 1 + i * 10, documentIndex: i } }));
async function run(base: KubeObject[], head: KubeObject[], extra: { base?: string[]; head?: string[] } = {}) {
  const sides = buildSides([...located(base), ...(await loadManifests(extra.base ?? []))], [...located(head), ...(await loadManifests(extra.head ?? []))], {});
  await loadModelValidators([...sides.base.manifests, ...sides.head.manifests].map((m) => m.object));
  const { findings, failures } = runRules([rule], sides);
  expect(failures).toEqual([]);
  return findings;
}

const traefik = (tag: string): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: "traefik", namespace: "traefik" },
  spec: { selector: { matchLabels: { app: "traefik" } }, template: { metadata: { labels: { app: "traefik" } }, spec: { containers: [{ name: "traefik", image: `traefik:${tag}` }] } } },
});
const ingressRoute = (name: string, port: unknown, apiVersion = "traefik.containo.us/v1alpha1"): KubeObject => ({
  apiVersion,
  kind: "IngressRoute",
  metadata: { name, namespace: "shop" },
  spec: { entryPoints: ["websecure"], routes: [{ match: `Host(\`${name}.example.com\`)`, kind: "Rule", services: [{ name, port }] }] },
});
const probeCrd = (versions: unknown[] = [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object", properties: { spec: { type: "object", properties: { replicas: { type: "integer" } } } } } } }]): KubeObject => ({
  apiVersion: "apiextensions.k8s.io/v1",
  kind: "CustomResourceDefinition",
  metadata: { name: "probes.checks.example.com" },
  spec: { group: "checks.example.com", scope: "Namespaced", names: { kind: "Probe", plural: "probes" }, versions },
});
const probe = (spec: Record<string, unknown>, apiVersion = "checks.example.com/v1"): KubeObject => ({ apiVersion, kind: "Probe", metadata: { name: "shop", namespace: "shop" }, spec });

describe("custom-resource-invalid: fixtures", () => {
  it("replays incident 000: a string port under Traefik v2.4.7 is critical and explains the 404s", async () => {
    const findings = await runRuleOnCase(rule, fires("incident-000-string-port-traefik-v2-4"));
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f!.severity).toBe("critical");
    expect(f!.resource).toMatchObject({ kind: "IngressRoute", namespace: "monitoring", name: "grafana" });
    expect(f!.message).toContain('IngressRoute monitoring/grafana: spec.routes[0].services[0].port is the string "8080s"');
    expect(f!.message).toContain("Traefik v2.4.7 (Deployment traefik/traefik) decodes service ports as integers only");
    expect(f!.message).toContain("readUint32: unexpected character");
    expect(f!.message).toContain("serves 404 for every route");
    expect(f!.message).toContain("incident 000");
    expect(f!.incidents).toEqual(["000_7375ecc9ae900139"]);
  });

  it("reports an IngressRoute whose middlewares is a string, judged by @kubernetes-models/traefik", async () => {
    const [f, ...rest] = await runRuleOnCase(rule, fires("ingressroute-middlewares-string"));
    expect(rest).toEqual([]);
    expect(f!.severity).toBe("critical");
    expect(f!.message).toContain('IngressRoute admin/admin does not match its schema (@kubernetes-models/traefik traefik.io/v1alpha1 IngressRoute; no CRD for it in the change)');
    expect(f!.message).toContain('spec.routes[0].middlewares: expected array, got the string "admin-basic-auth"');
  });

  it("reports a cert-manager Certificate without secretName from the model fallback", async () => {
    const [f, ...rest] = await runRuleOnCase(rule, fires("certificate-missing-secret-name"));
    expect(rest).toEqual([]);
    expect(f!.severity).toBe("critical");
    expect(f!.message).toContain("Certificate shop/shop-tls does not match its schema (@kubernetes-models/cert-manager cert-manager.io/v1 Certificate");
    expect(f!.message).toContain("spec.secretName: required field is missing");
  });

  it("rejects type errors as critical and reports pruned fields as a separate warning", async () => {
    const findings = await runRuleOnCase(rule, fires("crd-schema-type-error-and-unknown-field"));
    expect(findings.map((f) => [f.severity, f.message])).toEqual([
      ["critical", 'Probe shop/shop does not match its schema (CRD probes.checks.example.com v1): spec.replicas: expected integer, got the string "two": the API server rejects it and the apply fails'],
      ["warning", "Probe shop/shop: field spec.timeoutSecond is not in the CRD schema and will be dropped by the API server (CRD probes.checks.example.com v1): a misspelt or misplaced setting silently does not apply"],
    ]);
  });

  it("stays quiet on every quiet fixture", async () => {
    const cases = fixtureCases(dir, "quiet");
    expect(cases.length).toBeGreaterThanOrEqual(3);
    for (const c of cases) expect(await runRuleOnCase(rule, c), c).toEqual([]);
  });
});

describe("custom-resource-invalid: real Traefik CRDs", () => {
  it("v3.6.15: a malformed IngressRoute fires, listing five errors and counting the rest", async () => {
    const findings = await runRuleOnCase(rule, withCrds("malformed-ingressroute-v3"), { head: [await traefikCrdsDir("v3.6.15")] });
    const critical = findings.filter((f) => f.severity === "critical");
    expect(critical).toHaveLength(1);
    expect(critical[0]!.message).toContain("IngressRoute shop/web does not match its schema (CRD ingressroutes.traefik.io v1alpha1)");
    expect(critical[0]!.message).toContain('spec.entryPoints: expected array, got the string "websecure"');
    expect(critical[0]!.message).toContain("spec.routes[0].match: required field is missing");
    expect(critical[0]!.message).toContain('spec.routes[0].kind: expected one of "Rule", got the string "Rul"');
    expect(critical[0]!.message).toContain("spec.routes[0].services[0].port: expected integer or string, got true");
    expect(critical[0]!.message).toContain("(and 1 more)");
    const warnings = findings.filter((f) => f.severity === "warning");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain("fields spec.routes[0].services[0].weigth, spec.tls.certResolvr are not in the CRD schema and will be dropped by the API server");
  });

  it("v3.6.15: a valid IngressRoute with its middlewares, transport and TLS options is quiet", async () => {
    expect(await runRuleOnCase(rule, withCrds("valid-ingressroute-v3"), { head: [await traefikCrdsDir("v3.6.15")] })).toEqual([]);
  });

  it("v2.5.0: the traefik.containo.us CRD catches middlewares of the wrong type and allows a named port", async () => {
    const findings = await runRuleOnCase(rule, withCrds("middlewares-string-v2"), { head: [await traefikCrdsDir("v2.5.0")] });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain("(CRD ingressroutes.traefik.containo.us v1alpha1)");
    expect(findings[0]!.message).toContain('spec.routes[0].middlewares: expected array, got the string "admin-basic-auth"');
    expect(findings[0]!.message).not.toContain("port");
  });

  it("v2.4.7: the schema-less CRD sends the object to the model, and says the API server will not stop it", async () => {
    const findings = await runRuleOnCase(rule, withCrds("middlewares-string-v2"), { head: [await traefikCrdsDir("v2.4.13")] });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain("(@kubernetes-models/traefik traefik.io/v1alpha1 IngressRoute; its CRD ingressroutes.traefik.containo.us v1alpha1 has no schema)");
    expect(findings[0]!.message).toContain("the API server accepts it unvalidated");
  });

  it("v2.4.7: the incident replay with the CRDs in the change still reports only the string port", async () => {
    const findings = await runRuleOnCase(rule, fires("incident-000-string-port-traefik-v2-4"), { head: [await traefikCrdsDir("v2.4.13")] });
    expect(findings.map((f) => f.resource.name)).toEqual(["grafana"]);
  });
});

describe("custom-resource-invalid: scope and controller awareness", () => {
  it("a Traefik downgrade to v2.4 reports string ports of unchanged IngressRoutes", async () => {
    const route = ingressRoute("grafana", "http");
    const findings = await run([traefik("v2.5.0"), route], [traefik("v2.4.7"), route]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('spec.routes[0].services[0].port is the string "http"');
  });

  it("leaves unchanged objects alone when neither they, their CRD nor the controller change", async () => {
    const route = ingressRoute("grafana", "http");
    expect(await run([traefik("v2.4.7"), route], [traefik("v2.4.7"), route])).toEqual([]);
    const bad = probe({ replicas: "two" });
    expect(await run([probeCrd(), bad], [probeCrd(), bad])).toEqual([]);
  });

  it("string ports are fine on Traefik v2.5+, and traefik.io objects are not read by v2.4", async () => {
    expect(await run([], [traefik("v2.5.0"), ingressRoute("grafana", "8080s")])).toEqual([]);
    expect(await run([], [traefik("v2.4.7"), ingressRoute("grafana", "http", "traefik.io/v1alpha1")])).toEqual([]);
  });

  it("a changed CRD re-validates the unchanged objects it serves", async () => {
    const bad = probe({ replicas: "two" });
    const findings = await run([bad], [probeCrd(), bad]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain('spec.replicas: expected integer, got the string "two"');
  });

  it("uses base's CRD when head does not carry it, and says so", async () => {
    const findings = await run([probeCrd()], [probe({ replicas: "two" })]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain("(CRD probes.checks.example.com v1 from base)");
  });

  it("reports an apiVersion the CRD does not define or serve", async () => {
    const [missing] = await run([], [probeCrd(), probe({ replicas: 1 }, "checks.example.com/v2")]);
    expect(missing!.severity).toBe("critical");
    expect(missing!.message).toBe("Probe shop/shop uses checks.example.com/v2, which CRD probes.checks.example.com does not define (it defines v1): the API server rejects it and the apply fails");
    const [unserved] = await run([], [probeCrd([{ name: "v1", served: false, storage: true, schema: { openAPIV3Schema: { type: "object" } } }]), probe({ replicas: 1 })]);
    expect(unserved!.message).toContain("which CRD probes.checks.example.com defines but does not serve");
  });

  it("treats null fields like the API server does: pruned, not a type error", async () => {
    expect(await run([], [probeCrd(), probe({ replicas: null })])).toEqual([]);
  });

  it("merges duplicate model errors (Gateway API HTTPRoute port)", async () => {
    const route: KubeObject = { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "web", namespace: "shop" }, spec: { parentRefs: [{ name: "gw" }], rules: [{ backendRefs: [{ name: "web", port: "80" }] }] } };
    const [f, ...rest] = await run([], [route]);
    expect(rest).toEqual([]);
    expect(f!.message).toContain('@kubernetes-models/gateway-api gateway.networking.k8s.io/v1 HTTPRoute');
    expect(f!.message).toContain('spec.rules[0].backendRefs[0].port: expected integer, got the string "80": the apply fails');
  });

  it("checks 10,000 IngressRoutes against the real CRD (speed is measured in bench/, not asserted here)", async () => {
    const routes = Array.from({ length: 10_000 }, (_, i) => ingressRoute(`r${i}`, i % 3 ? 80 : "http", "traefik.io/v1alpha1"));
    const findings = await run([], routes, { head: [await traefikCrdsDir("v3.6.15")] });
    expect(findings).toEqual([]);
  }, 30_000);
});

describe("custom-resource-invalid: kinds nothing can judge", () => {
  it("says once per kind, as info, that custom resources without a CRD anywhere were not validated", async () => {
    const findings = await runRuleOnCase(rule, join(import.meta.dirname, "fixtures", "fires", "no-crd-anywhere"));
    expect(findings.map((f) => [f.severity, f.message.split(":")[0]])).toEqual([
      ["info", "apps.openshift.io/v1 DeploymentConfig"],
      ["info", "example.com/v1 Widget"],
    ]);
    expect(findings[1]!.message).toContain("Widget default/w1, Widget default/w2 were not validated");
  });
});
