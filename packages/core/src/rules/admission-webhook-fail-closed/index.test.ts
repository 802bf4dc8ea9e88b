import { join } from "node:path";
import { describe, expect, it } from "vitest";
import rule from "./index.js";
import { fixtureCases, runRuleOnCase } from "../testing/run-fixture.js";

const dir = import.meta.dirname;
const fires = (name: string) => runRuleOnCase(rule, join(dir, "fixtures/fires", name));

describe("admission-webhook-fail-closed", () => {
  it("a pod webhook that fails closed and does not exclude Traefik's namespace", async () => {
    const findings = await fires("policy-engine-misses-controller-namespace");
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f!.severity).toBe("high");
    expect(f!.resource).toMatchObject({ kind: "ValidatingWebhookConfiguration", name: "policy-guard-validating" });
    expect(f!.message).toContain('webhook "validate-pods.policy-guard.example.com" fails closed (failurePolicy: Fail) and its selectors do not exclude traefik:');
    expect(f!.message).not.toContain("kube-system");
    expect(f!.message).toContain("while Service policy-guard/policy-guard-webhook is down or unreachable, no pod can be created there");
    expect(f!.message).toContain("Deployment traefik/traefik cannot restart");
    expect(f!.message).toContain("timeoutSeconds 30");
    expect(f!.incidents).toEqual(["003_ae69f1f5f80854b3", "000_7375ecc9ae900139"]);
  });

  it("an unset failurePolicy is Fail in v1; names kube-system, the controller and the webhook's own namespace", async () => {
    const [f] = await fires("sidecar-injector-default-fail");
    expect(f!.severity).toBe("high");
    expect(f!.message).toContain("failurePolicy unset, and Fail is the admissionregistration.k8s.io/v1 default");
    expect(f!.message).toContain("do not exclude kube-system, ingress-nginx:");
    expect(f!.message).toContain("Deployment ingress-nginx/ingress-nginx-controller");
    expect(f!.message).toContain("its own namespace sidecar-system is not excluded either");
    expect(f!.message).not.toContain("timeoutSeconds");
  });

  it("a webhook for an unrelated custom resource is only a warning", async () => {
    const [f] = await fires("crd-only-webhook-warning");
    expect(f!.severity).toBe("warning");
    expect(f!.message).toContain("it only intercepts CREATE widgets (widgets.example.com), which the ingress controller does not need");
  });

  it("stays quiet on exclusions, Ignore, opt-in selectors and a caBundle rotation", async () => {
    const cases = fixtureCases(dir, "quiet");
    expect(cases.length).toBeGreaterThanOrEqual(5);
    for (const c of cases) expect(await runRuleOnCase(rule, c), c).toEqual([]);
  });
});
