import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runStagedRuleOnCase } from "../testing/run-staged-fixture.js";
import rule from "./index.js";

const fires = (name: string) => runStagedRuleOnCase(rule, join(import.meta.dirname, "fixtures/fires", name));

describe("smoke-route-regressed", () => {
  it("names the stage a route that worked at base fails at, and what answered", () => {
    const [finding, ...rest] = fires("fails-after-restart");
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ rule: "smoke-route-regressed", severity: "critical", file: "head/ingress.yaml", line: 1 });
    expect(finding!.message).toBe("http://shop.example.com/ (web): worked at base, fails after the ingress controller restarted: answered 404 (no router matched)");
    expect(fires("fails-at-head")[0]!.message).toContain("worked at base, fails at head");
  });
});
