import { describe, expect, it } from "vitest";
import { chooseTraefikBuild, parseTraefikTag } from "./traefik-version.js";

describe("parseTraefikTag", () => {
  it.each([
    ["v2.4.7", { major: 2, minor: 4, patch: 7 }],
    ["3.6.15", { major: 3, minor: 6, patch: 15 }],
    ["v3.6", { major: 3, minor: 6 }],
    ["v2.11.0-rc1", { major: 2, minor: 11, patch: 0 }],
    ["latest", undefined],
    [undefined, undefined],
  ])("%s", (tag, expected) => expect(parseTraefikTag(tag)).toEqual(expected));
});

describe("chooseTraefikBuild", () => {
  it("runs the build of the same major.minor, noting a different patch", () => {
    expect(chooseTraefikBuild("v3.6.25")).toEqual({ tool: "traefik-v3", version: "3.6.25", major: 3 });
    const patch = chooseTraefikBuild("v3.6.15");
    expect(patch.tool).toBe("traefik-v3");
    expect(patch.note).toBe("manifests run Traefik 3.6.15; staging runs 3.6.25 (same minor, newest patch kubegate builds)");
    expect(chooseTraefikBuild("v2.4.7").tool).toBe("traefik-v2.4");
    expect(chooseTraefikBuild("2.11.3").tool).toBe("traefik-v2");
    expect(chooseTraefikBuild("v3.6").note).toBeUndefined();
  });

  it("otherwise runs the nearest minor of the same major, with a note", () => {
    expect(chooseTraefikBuild("v3.2.1")).toMatchObject({ tool: "traefik-v3", note: "manifests run Traefik 3.2.1; kubegate has no 3.2 build, staging runs the nearest: 3.6.25" });
    expect(chooseTraefikBuild("v2.5.0").tool).toBe("traefik-v2.4");
    expect(chooseTraefikBuild("v2.9.6").tool).toBe("traefik-v2");
    expect(chooseTraefikBuild("v2.5.0", ["traefik-v3", "traefik-v2"]).tool).toBe("traefik-v2");
  });

  it("picks the nearest major when the tag's major has no build", () => {
    expect(chooseTraefikBuild("v4.0.0").tool).toBe("traefik-v3");
    expect(chooseTraefikBuild("v2.11.0", ["traefik-v3"]).tool).toBe("traefik-v3");
  });

  it("runs the newest build for tags without a version", () => {
    expect(chooseTraefikBuild("latest")).toMatchObject({ tool: "traefik-v3", note: 'image tag "latest" names no version: staging runs Traefik 3.6.25, the newest kubegate builds' });
  });

  it("refuses Traefik v1", () => {
    expect(chooseTraefikBuild("v1.7.34").unsupported).toBe("Traefik 1.7.34 (v1) cannot be staged: kubegate builds Traefik v2 and v3 only");
  });
});
