import { join } from "node:path";
import { describe, expect, it } from "vitest";
import rule from "./index.js";
import { fixtureCases, runRuleOnCase } from "../testing/run-fixture.js";

const dir = import.meta.dirname;

describe("crd-install", () => {
  it("fires on a CRD that head adds and names its group", async () => {
    const findings = await runRuleOnCase(rule, join(dir, "fixtures/fires/new-calico-crd"));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain("crd.projectcalico.org");
    expect(findings[0]!.severity).toBe("high");
  });

  it("stays quiet when the CRD already exists", async () => {
    for (const c of fixtureCases(dir, "quiet")) expect(await runRuleOnCase(rule, c)).toEqual([]);
  });
});
