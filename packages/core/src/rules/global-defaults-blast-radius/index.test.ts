import { join } from "node:path";
import { describe, expect, it } from "vitest";
import rule from "./index.js";
import { fixtureCases, runRuleOnCase } from "../testing/run-fixture.js";

// Fixtures are platform trees rendered with real helm (built once into the tools dir).
const dir = import.meta.dirname;
const fires = (name: string) => runRuleOnCase(rule, join(dir, "fixtures/fires", name));

describe("global-defaults-blast-radius", () => {
  it("lists every release a shared TLS default changes, TLS first, and the unaffected ones (info: it explains, it does not decide)", async () => {
    const findings = await fires("shared-tls-default");
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f!.severity).toBe("info");
    expect(f!.resource).toMatchObject({ kind: "HelmValues", name: "shared.yaml" });
    expect(f!.file).toBe("head/shared.yaml");
    expect(f!.line).toBe(1);
    expect(f!.message).toContain("head/shared.yaml (changed: replicas, tls.secretName) is read by 3 releases; 2 render differently:");
    expect(f!.message).toContain("blog: update Ingress blog/blog (TLS) [spec.tls[0].secretName]");
    expect(f!.message).toContain("shop: update Ingress shop/shop (TLS)");
    expect(f!.message).toContain("unaffected (render the same): docs");
    expect(f!.message).toContain("incident 004");
    expect(f!.incidents).toEqual(["004_0bbee5f82e2b96ce"]);
  });

  it("lists a shared default that only changes workloads (plain helmfile.yaml)", async () => {
    const [f, ...rest] = await fires("shared-replicas-default");
    expect(rest).toEqual([]);
    expect(f!.severity).toBe("info");
    expect(f!.message).toContain("(changed: replicas) is read by 3 releases; 2 render differently: blog: update Deployment blog/blog [spec.replicas] | shop: update Deployment shop/shop [spec.replicas]; unaffected (render the same): docs");
  });

  it("orders TLS, Service and route changes before the rest within a release", async () => {
    const [f] = await fires("shared-tls-default");
    expect(f!.message).toContain("shop: update Ingress shop/shop (TLS) [spec.tls[0].secretName]; update Deployment shop/shop [spec.replicas]");
  });

  it("stays quiet without Helm context (plain manifests)", async () => {
    for (const c of fixtureCases(join(dir, "../tls-source-changed"), "fires").slice(0, 2)) {
      expect(await runRuleOnCase(rule, c)).toEqual([]);
    }
  });
});
