import { describe, expect, it } from "vitest";
import type { Finding } from "../model/finding.js";
import { stagedDecision } from "./gate.js";

const finding = (rule: string, severity: Finding["severity"]): Finding => ({ rule, severity, resource: { apiVersion: "v1", kind: "Service", namespace: "shop", name: "web" }, message: "m" });
const unstaged = [{ resource: { apiVersion: "apps/v1", kind: "Deployment", namespace: "ingress-nginx", name: "controller" }, controller: "ingress-nginx 1.12", reason: "no ingress-nginx adapter", sides: ["head" as const] }];
const noStatic = { findings: [], failures: [] };

describe("stagedDecision", () => {
  it("warns, by default, when the declared controller was not staged", () => {
    const d = stagedDecision(noStatic, { findings: [finding("smoke-controller-not-staged", "warning")], failures: [], unstaged }, {});
    expect(d.decision).toBe("warn");
  });

  it("is an error with --require-staging, naming the controller", () => {
    const d = stagedDecision(noStatic, { findings: [finding("smoke-controller-not-staged", "warning")], failures: [], unstaged }, { requireStaging: true });
    expect(d.decision).toBe("error");
    expect(d.reasons.join("\n")).toContain("--require-staging: ingress-nginx 1.12 is not stageable here; its routes were not proven");
  });

  it("honours off, severities and acknowledgements of staged rules from kubegate.yaml", () => {
    const smoke = { findings: [finding("smoke-route-regressed", "critical")], failures: [], unstaged: [] };
    expect(stagedDecision(noStatic, smoke, {}).decision).toBe("block");
    expect(stagedDecision(noStatic, smoke, { config: { rules: { "smoke-route-regressed": "off" } } })).toMatchObject({ decision: "pass", findings: [] });
    expect(stagedDecision(noStatic, smoke, { config: { rules: { "smoke-route-regressed": "warning" } } }).decision).toBe("warn");
    const acked = stagedDecision(noStatic, smoke, { config: { acknowledge: [{ rule: "smoke-route-regressed", kind: "Service", reason: "known flaky" }] } });
    expect(acked.decision).toBe("pass");
    expect(acked.findings[0]!.acknowledged).toBe("kubegate.yaml: known flaky");
  });

  it("is an error when a staged rule crashed", () => {
    expect(stagedDecision(noStatic, { findings: [], failures: ["staged rule smoke-route-broken crashed: boom"], unstaged: [] }, {}).decision).toBe("error");
  });
});
