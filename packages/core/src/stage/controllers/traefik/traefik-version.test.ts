import { describe, expect, it } from "vitest";
import { atVersion } from "../../tools/build-tool.js";
import { TOOL_VERSIONS } from "../../tools/versions.js";
import { chooseTraefikBuild, type BuiltCheck } from "./traefik-version.js";

const nothingBuilt: BuiltCheck = () => false;
const choose = (tag: string | undefined, tools?: Parameters<typeof chooseTraefikBuild>[1]) => chooseTraefikBuild(tag, tools, nothingBuilt);

describe("chooseTraefikBuild", () => {
  it("runs the build of the same major.minor, noting a different patch", () => {
    expect(choose("v3.6.25")).toEqual({ tool: "traefik-v3", version: "3.6.25", major: 3 });
    const patch = choose("v3.6.15");
    expect(patch.tool).toBe("traefik-v3");
    expect(patch.note).toBe("manifests run Traefik 3.6.15; staging runs 3.6.25 (same minor; build the exact one with `build-tools-cli traefik-v3@v3.6.15`)");
    expect(choose("v2.4.7").tool).toBe("traefik-v2.4");
    expect(choose("2.11.3").tool).toBe("traefik-v2");
    expect(choose("v3.6").note).toBeUndefined();
  });

  it("runs the exact version of the tag when that build is in the tools dir", () => {
    const built: BuiltCheck = (tool, version) => tool === "traefik-v3" && version === "v3.6.15";
    expect(chooseTraefikBuild("traefik:v3.6.15".split(":")[1], undefined, built)).toEqual({ tool: "traefik-v3", version: "3.6.15", major: 3, buildVersion: "v3.6.15" });
    const otherMinor: BuiltCheck = (tool, version) => tool === "traefik-v3" && version === "v3.2.1";
    expect(chooseTraefikBuild("v3.2.1", undefined, otherMinor)).toEqual({ tool: "traefik-v3", version: "3.2.1", major: 3, buildVersion: "v3.2.1" });
  });

  it("otherwise runs the nearest minor of the same major, with a note", () => {
    expect(choose("v3.2.1")).toMatchObject({ tool: "traefik-v3", note: "manifests run Traefik 3.2.1; kubegate has no 3.2 build, staging runs the nearest: 3.6.25" });
    expect(choose("v2.5.0").tool).toBe("traefik-v2.4");
    expect(choose("v2.9.6").tool).toBe("traefik-v2");
    expect(choose("v2.5.0", ["traefik-v3", "traefik-v2"]).tool).toBe("traefik-v2");
  });

  it("picks the nearest major when the tag's major has no build", () => {
    expect(choose("v4.0.0").tool).toBe("traefik-v3");
    expect(choose("v2.11.0", ["traefik-v3"]).tool).toBe("traefik-v3");
  });

  it("runs the newest build for tags without a release (of the major a floating tag names)", () => {
    expect(choose("latest")).toMatchObject({ tool: "traefik-v3", note: 'image tag "latest" names no release: staging runs Traefik 3.6.25, the newest kubegate builds' });
    expect(choose("v2")).toMatchObject({ tool: "traefik-v2", note: 'image tag "v2" names no release: staging runs Traefik 2.11.54, the newest kubegate builds of v2' });
  });

  it("refuses Traefik v1", () => {
    expect(choose("v1.7.34").unsupported).toMatch(/^Traefik 1\.7\.34 \(v1\) cannot be staged here: kubegate builds Traefik v2 and v3 only/);
  });
});

describe("atVersion", () => {
  it("applies a pinned recipe to another release, stamping and checking that release", () => {
    const spec = atVersion(TOOL_VERSIONS["traefik-v3"], "v3.6.15");
    expect(spec.version).toBe("v3.6.15");
    expect(spec.xflags["github.com/traefik/traefik/v3/pkg/version.Version"]).toBe("3.6.15");
    expect(spec.versionCheck.expect).toBe("3.6.15");
    expect(spec.module).toBe("github.com/traefik/traefik/v3");
  });

  it("refuses what is not a release version", () => {
    expect(() => atVersion(TOOL_VERSIONS["traefik-v3"], "latest")).toThrow(/not a release version/);
  });
});
