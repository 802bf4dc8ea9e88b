import { join } from "node:path";
import { describe, expect, it } from "vitest";
import mismatch from "../smoke-tls-mismatch/index.js";
import { runStagedRuleOnCase } from "../testing/run-staged-fixture.js";
import rule from "./index.js";

const fixture = (kind: string, name: string): string => join(import.meta.dirname, "fixtures", kind, name);

describe("smoke-tls-unproven", () => {
  it("warns, instead of blocking, on a new route whose Secret staging could not have", () => {
    expect(runStagedRuleOnCase(rule, fixture("fires", "new-route-on-a-secret-nobody-ships"))).toMatchObject([
      { severity: "warning", message: expect.stringContaining("https://app-50.example.com/ (websecure): new route, not proven at head: its certificate comes from Secret apps/app-50-tls") },
    ]);
    expect(runStagedRuleOnCase(mismatch, fixture("fires", "new-route-on-a-secret-nobody-ships"))).toEqual([]);
  });

  it("leaves real certificate failures to smoke-tls-mismatch", () => {
    for (const name of ["secret-base-relies-on-too", "route-that-worked-at-base"]) {
      expect(runStagedRuleOnCase(rule, fixture("quiet", name))).toEqual([]);
      expect(runStagedRuleOnCase(mismatch, fixture("quiet", name))).toMatchObject([{ severity: "critical" }]);
    }
  });
});
