import { describe, expect, it } from "vitest";
import { isCompileFailure, ValidatorCache } from "./validator-cache.js";

const schema = { type: "object", properties: { spec: { type: "object", properties: { port: { type: "integer" } } } } };

describe("ValidatorCache", () => {
  it("builds and compiles each key once, however many objects use it", () => {
    const cache = new ValidatorCache();
    let builds = 0;
    const build = () => (builds++, schema);
    for (let i = 0; i < 1000; i++) {
      const v = cache.get("head|ingressroutes|v1alpha1", "CRD ingressroutes.traefik.io v1alpha1", build);
      if (isCompileFailure(v)) throw new Error(v.error);
      expect(v.validate({ spec: { port: i } })).toEqual([]);
    }
    expect(builds).toBe(1);
    expect(cache.size).toBe(1);
  });

  it("keeps different keys (base vs head, versions) apart", () => {
    const cache = new ValidatorCache();
    const head = cache.get("head|x|v1", "head", () => schema);
    const base = cache.get("base|x|v1", "base", () => ({ type: "object" }));
    if (isCompileFailure(head) || isCompileFailure(base)) throw new Error("compile");
    expect(head.validate({ spec: { port: "80" } })[0]).toMatchObject({ instancePath: "/spec/port", keyword: "type" });
    expect(base.validate({ spec: { port: "80" } })).toEqual([]);
    expect(head.source).toBe("head");
  });

  it("returns a compile failure instead of throwing, and caches it", () => {
    const cache = new ValidatorCache();
    let builds = 0;
    const bad = () => (builds++, { type: "object", properties: { a: { type: "string", pattern: "(?i)x" } } });
    const first = cache.get("k", "CRD broken v1", bad);
    expect(isCompileFailure(first)).toBe(true);
    expect(isCompileFailure(first) && first.error).toMatch(/Invalid regular expression|pattern/i);
    cache.get("k", "CRD broken v1", bad);
    expect(builds).toBe(1);
  });
});
