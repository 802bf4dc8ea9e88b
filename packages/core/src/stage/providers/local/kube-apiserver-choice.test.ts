import { describe, expect, it } from "vitest";
import { TOOL_VERSIONS } from "../../tools/versions.js";
import { chooseKubeApiServer } from "./kube-apiserver-choice.js";

const newest = TOOL_VERSIONS["kube-apiserver"].version;
const older = TOOL_VERSIONS["kube-apiserver-1.34"].version;
const none = (): boolean => false;
const all = (): boolean => true;

describe("chooseKubeApiServer", () => {
  it("pins 1.37 as the newest and 1.34 for older targets", () => {
    expect(newest).toMatch(/^v1\.37\./);
    expect(older).toMatch(/^v1\.34\./);
  });

  it("without a target: the newest built, else the newest pinned", () => {
    expect(chooseKubeApiServer(undefined, all)).toEqual({ tool: "kube-apiserver", version: newest });
    expect(chooseKubeApiServer(undefined, (t) => t === "kube-apiserver-1.34")).toEqual({ tool: "kube-apiserver-1.34", version: older });
    expect(chooseKubeApiServer(undefined, none)).toEqual({ tool: "kube-apiserver", version: newest });
  });

  it("a pinned minor is used as asked, whether built or not (v prefix and patch accepted)", () => {
    expect(chooseKubeApiServer("1.34", none)).toEqual({ tool: "kube-apiserver-1.34", version: older });
    expect(chooseKubeApiServer("v1.34.2", all)).toEqual({ tool: "kube-apiserver-1.34", version: older });
    expect(chooseKubeApiServer("1.37", (t) => t === "kube-apiserver-1.34")).toEqual({ tool: "kube-apiserver", version: newest });
  });

  it("another minor: the oldest pinned above it, else the newest, saying so", () => {
    expect(chooseKubeApiServer("1.35", all)).toMatchObject({ tool: "kube-apiserver", note: `Kubernetes 1.35 requested; kubegate builds 1.37, 1.34: staging on ${newest}` });
    expect(chooseKubeApiServer("1.31", all)).toMatchObject({ tool: "kube-apiserver-1.34", version: older });
    expect(chooseKubeApiServer("1.40", all)).toMatchObject({ tool: "kube-apiserver", version: newest });
  });

  it("rejects a version that is not Kubernetes 1.x", () => {
    expect(() => chooseKubeApiServer("2.0", all)).toThrow('bad Kubernetes version "2.0"');
  });
});
