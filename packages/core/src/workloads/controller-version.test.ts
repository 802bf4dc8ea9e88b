import { describe, expect, it } from "vitest";
import { formatControllerVersion, parseControllerVersion } from "./controller-version.js";

describe("parseControllerVersion", () => {
  it.each([
    ["v2.4.7", { major: 2, minor: 4, patch: 7 }],
    ["3.6.15", { major: 3, minor: 6, patch: 15 }],
    ["v3.6", { major: 3, minor: 6 }],
    ["2.4.7-alpine", { major: 2, minor: 4, patch: 7 }],
    ["v2.11.0-rc1", { major: 2, minor: 11, patch: 0 }],
    ["1.7.9", { major: 1, minor: 7, patch: 9 }],
    ["v2", { major: 2 }],
    ["latest", undefined],
    ["sha256:0123abcd", undefined],
    [undefined, undefined],
  ])("%s", (tag, expected) => expect(parseControllerVersion(tag)).toEqual(expected));

  it("formats what it read without the v", () => {
    expect(formatControllerVersion(parseControllerVersion("v1.7.9-alpine")!)).toBe("1.7.9");
    expect(formatControllerVersion(parseControllerVersion("v2")!)).toBe("2");
  });
});
