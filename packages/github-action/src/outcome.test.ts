import { describe, expect, it } from "vitest";
import { outcomeFor } from "./outcome.js";

describe("outcomeFor", () => {
  it.each([
    ["pass", "block", false],
    ["pass", "warn", false],
    ["warn", "block", false],
    ["warn", "warn", true],
    ["block", "block", true],
    ["block", "warn", true],
    ["error", "block", true],
  ] as const)("%s with fail-on %s fails the job: %s", (decision, failOn, failed) => {
    expect(outcomeFor(decision, failOn, ["r"]).failed).toBe(failed);
  });

  it("says why", () => {
    expect(outcomeFor("error", "block", ["rule x crashed"]).message).toBe("kubegate could not finish the check (failing closed): rule x crashed");
  });
});
