import { describe, expect, it } from "vitest";
import { CalicoSelectorError, parseCalicoSelector } from "./calico-selector.js";

const web = { app: "web", tier: "frontend", "projectcalico.org/namespace": "shop" };
const sel = (s: string) => parseCalicoSelector(s)(web);

describe("parseCalicoSelector", () => {
  it("supports all(), has(), ==, != and an empty selector", () => {
    expect(sel("all()")).toBe(true);
    expect(sel("")).toBe(true);
    expect(sel("has(app)")).toBe(true);
    expect(sel("has(role)")).toBe(false);
    expect(sel("app == 'web'")).toBe(true);
    expect(sel('app == "api"')).toBe(false);
    expect(sel("role != 'db'")).toBe(true);
    expect(sel("app != 'web'")).toBe(false);
  });

  it("supports in / not in sets with either quote", () => {
    expect(sel("tier in {'frontend', \"edge\"}")).toBe(true);
    expect(sel("role in {'a'}")).toBe(false);
    expect(sel("projectcalico.org/namespace not in {'kube-system', 'calico-system'}")).toBe(true);
    expect(sel("projectcalico.org/namespace not in {'shop'}")).toBe(false);
    expect(sel("role not in {'a'}")).toBe(true);
  });

  it("joins with &&, || and !, with && binding tighter", () => {
    expect(sel("app == 'web' && tier == 'frontend'")).toBe(true);
    expect(sel("app == 'web' && tier == 'backend'")).toBe(false);
    expect(sel("app == 'api' || tier == 'frontend' && has(app)")).toBe(true);
    expect(sel("!(app == 'web') || has(nothing)")).toBe(false);
    expect(sel("!has(role)")).toBe(true);
  });

  it("supports string operators and global()", () => {
    expect(sel("app starts with 'we' && app ends with 'eb' && tier contains 'ont'")).toBe(true);
    expect(sel("global()")).toBe(false);
  });

  it("throws CalicoSelectorError on what it cannot read", () => {
    expect(() => parseCalicoSelector("app = 'web'")).toThrow(CalicoSelectorError);
    expect(() => parseCalicoSelector("app == 'web' &&")).toThrow(CalicoSelectorError);
    expect(() => parseCalicoSelector("app in {'a' 'b'}")).toThrow(CalicoSelectorError);
    expect(() => parseCalicoSelector("(app == 'web'")).toThrow(CalicoSelectorError);
  });
});
