import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runStagedRuleOnCase } from "../testing/run-staged-fixture.js";
import rule from "./index.js";

describe("smoke-tls-mismatch", () => {
  it("reports a served certificate that does not cover the host (incident 004)", () => {
    const findings = runStagedRuleOnCase(rule, join(import.meta.dirname, "fixtures/fires/certificate-does-not-cover-host"));
    expect(findings).toMatchObject([{ severity: "critical", message: expect.stringContaining("https://api-ext.discovery.example.org/ (websecure): worked at base, fails at head: certificate does not cover") }]);
  });
});
