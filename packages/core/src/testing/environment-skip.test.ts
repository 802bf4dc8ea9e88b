import { describe, expect, it } from "vitest";
import { environmentSkip } from "./environment-skip.js";

describe("environmentSkip", () => {
  it("passes the reason through when skips are allowed", () => {
    expect(environmentSkip("act is not built", {})).toBe("act is not built");
    expect(environmentSkip("act is not built", { KUBEGATE_NO_SKIP: "0" })).toBe("act is not built");
    expect(environmentSkip(undefined, { KUBEGATE_NO_SKIP: "1" })).toBeUndefined();
  });

  it("turns a skip into a failure naming the reason and the switch", () => {
    expect(() => environmentSkip("act is not built", { KUBEGATE_NO_SKIP: "1" })).toThrow("act is not built ($KUBEGATE_NO_SKIP is set: this test must run, not skip)");
  });
});
