import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runStagedRuleOnCase } from "../testing/run-staged-fixture.js";
import rule from "./index.js";

const fires = (name: string) => runStagedRuleOnCase(rule, join(import.meta.dirname, "fixtures/fires", name));

describe("smoke-route-broken", () => {
  it("reports a new route that fails as high", () => {
    expect(fires("new-route-404")).toMatchObject([{ severity: "high", baseline: "new", message: "http://new.example.com/ (web): new route, fails at head: answered 404 (no router matched)" }]);
  });

  it("reports a route already failing at base as unchanged against base (the change did not break it)", () => {
    expect(fires("already-broken-at-base")).toMatchObject([{ severity: "high", baseline: "unchanged", message: expect.stringContaining("already failed at base, still fails at head") }]);
  });
});
