import { join } from "node:path";
import { describe, expect, it } from "vitest";
import rule from "./index.js";
import { runRuleOnCase } from "../testing/run-fixture.js";

// Platform-tree fixtures, rendered with real helm (built once into the tools dir).
const dir = import.meta.dirname;
const fires = (name: string) => runRuleOnCase(rule, join(dir, "fixtures/fires", name));

describe("helm-render-failed", () => {
  it("names release, chart, values files and helm's error when head stops rendering", async () => {
    const findings = await fires("head-values-break-template");
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f!.severity).toBe("high");
    expect(f!.resource).toMatchObject({ kind: "HelmRelease", namespace: "shop", name: "shop" });
    expect(f!.release).toBe("shop");
    expect(f!.file).toBe("head/kubegate.yaml");
    expect(f!.line).toBe(2);
    expect(f!.message).toContain("release shop (namespace shop, chart head/charts/web, values head/shared.yaml, head/values/shop.yaml) renders at base but fails at head:");
    expect(f!.message).toContain("execution error at (web/templates/ingress.yaml:12:15): host is required");
    expect(f!.message).toContain("Reproduce: helm template shop head/charts/web -n shop -f head/shared.yaml -f head/values/shop.yaml");
    expect(f!.message).not.toContain("--debug");
  });

  it("reports a new release that does not render, and only that one", async () => {
    const findings = await fires("new-release-missing-chart-value");
    expect(findings.map((f) => f.resource.name)).toEqual(["canary"]);
    expect(findings[0]!.message).toContain("is new at head and fails to render: execution error at (web/templates/ingress.yaml");
    expect(findings[0]!.message).toContain("canary.weight is required");
  });
});
