import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runStagedRuleOnCase } from "../testing/run-staged-fixture.js";
import rule from "./index.js";

describe("smoke-apply-rejected", () => {
  it("quotes the API server and points at the object's file and line", () => {
    const findings = runStagedRuleOnCase(rule, join(import.meta.dirname, "fixtures/fires/rejected-at-head"));
    expect(findings).toMatchObject([{ severity: "high", file: "head/ingressroute.yaml", line: 3, resource: { kind: "IngressRoute", name: "web" } }]);
    expect(findings[0]!.message).toMatch(/^the API server rejected it when applying head: IngressRoute.traefik.io "web" is invalid/);
  });
});
