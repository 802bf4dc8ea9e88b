import { join } from "node:path";
import { describe, expect, it } from "vitest";
import rule from "./index.js";
import { buildSides } from "../../check/build-sides.js";
import { loadManifests } from "../../load/load-manifests.js";
import type { KubeObject } from "../../model/kube-object.js";
import { runRules } from "../run-rules.js";
import { fixtureCases, runRuleOnCase } from "../testing/run-fixture.js";
import { traefikCrdsDir } from "../../stage/tools/traefik-crds.js";

const dir = import.meta.dirname;
const fires = (name: string) => join(dir, "fixtures/fires", name);

/** Runs the rule on head objects created from an empty cluster. */
function check(objects: KubeObject[], kubeVersion?: string) {
  const head = objects.map((object, i) => ({ object, source: { file: "head.yaml", line: 1 + i * 10, documentIndex: i } }));
  return runRules([rule], { ...buildSides([], head, {}), options: kubeVersion ? { kubeVersion } : {} }).findings;
}

describe("schema-invalid", () => {
  it("fires on misspelled container fields, naming the path and the intended field", async () => {
    const findings = await runRuleOnCase(rule, fires("misspelled-readiness-probe"));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.severity).toBe("high");
    expect(findings[0]!.message).toMatch(/^Deployment shop\/shop does not match the Kubernetes apps\/v1 Deployment schema \(2 problems\)/);
    expect(findings[0]!.message).toContain("spec.template.spec.containers[0].readinesProbe: unknown field (did you mean readinessProbe?)");
    expect(findings[0]!.message).toContain("spec.template.spec.containers[0].imagePullPolicyy: unknown field (did you mean imagePullPolicy?)");
    expect(findings[0]!.message).toContain("dropped silently");
    expect(findings[0]!.message).not.toContain("rejects the object");
  });

  it("fires on a v1 Ingress that kept the v1beta1 backend shape", async () => {
    const [finding, ...rest] = await runRuleOnCase(rule, fires("ingress-v1-with-v1beta1-backend"));
    expect(rest).toEqual([]);
    expect(finding!.message).toContain("Ingress default/bxa-staging");
    expect(finding!.message).toContain("spec.rules[0].http.paths[0].pathType: required field is missing");
    expect(finding!.message).toContain("spec.rules[0].http.paths[0].backend.serviceName: unknown field");
    expect(finding!.message).toContain("The API server rejects the object");
  });

  it("fires on wrong types and enum values without quoting the values", async () => {
    const [finding] = await runRuleOnCase(rule, fires("service-wrong-types"));
    expect(finding!.message).toContain("spec.ports[0].port: must be integer, got string");
    expect(finding!.message).toContain("spec.type: must be one of ClusterIP, ExternalName, LoadBalancer, NodePort");
    expect(finding!.message).not.toContain("Loadbalancer");
    expect(finding!.line).toBe(2);
  });

  it("lists at most five problems per object and counts the rest", () => {
    const containers = Array.from({ length: 8 }, (_, i) => ({ name: `c${i}`, image: "x", imagePullPolicyy: "Always" }));
    const findings = check([{ apiVersion: "v1", kind: "Pod", metadata: { name: "p", namespace: "shop" }, spec: { containers } }]);
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain("(8 problems)");
    expect(findings[0]!.message).toContain("containers[4].imagePullPolicyy");
    expect(findings[0]!.message).not.toContain("containers[5]");
    expect(findings[0]!.message).toContain("; and 3 more.");
  });

  it("validates a deprecated API the target still serves, and leaves it alone once removed", () => {
    const ingress = {
      apiVersion: "extensions/v1beta1",
      kind: "Ingress",
      metadata: { name: "blog", namespace: "shop" },
      spec: { rules: [{ host: "blog.example.com", http: { paths: [{ path: "/", backend: { serviceName: "blog", servicePort: true } }] } }] },
    };
    const served = check([ingress], "1.20");
    expect(served).toHaveLength(1);
    expect(served[0]!.message).toContain("extensions/v1beta1 Ingress schema");
    expect(served[0]!.message).toContain("spec.rules[0].http.paths[0].backend.servicePort: must be string or integer, got boolean");
    expect(check([ingress], "1.22")).toEqual([]);
  });

  it("stays quiet on the Traefik CRDs of v3.6.15 (v1) and of v2.4.7 (v1beta1) where 1.20 still serves them", async () => {
    expect(await runRuleOnCase(rule, fires("service-wrong-types"), { head: [await traefikCrdsDir("v3.6.15")] })).toHaveLength(1);
    const v1beta1 = (await loadManifests([await traefikCrdsDir("v2.4.13")])).map((o) => o.object);
    expect(v1beta1.length).toBeGreaterThan(5);
    expect(check(v1beta1, "1.20")).toEqual([]);
    // The same CRDs are checked, not skipped: break one and it is reported.
    const broken = structuredClone(v1beta1[0]!) as KubeObject & { spec: { scope: unknown } };
    broken.spec.scope = 5;
    expect(check([broken], "1.20").map((f) => f.message)).toEqual([expect.stringContaining("spec.scope: must be string, got integer")]);
  });

  it("stays quiet on every quiet fixture", async () => {
    for (const c of fixtureCases(dir, "quiet")) expect(await runRuleOnCase(rule, c), c).toEqual([]);
  });
});
