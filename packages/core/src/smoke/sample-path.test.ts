import { describe, expect, it } from "vitest";
import { sampleHost, sampleHostFromRegexp, samplePath } from "./sample-path.js";

describe("samplePath", () => {
  it.each([
    ["^/api/v[0-9]+/users$", "/api/v0/users"],
    ["^/(?P<lang>en|fr)/docs", "/en/docs"],
    ["/static/.*\\.(png|jpg)$", "/static/.png"],
    ["\\.css$", "/.css"],
    ["^/items/[^/]+$", "/items/a"],
    ["^/$", "/"],
  ])("%s -> %s (a path the pattern accepts)", (pattern, path) => {
    expect(samplePath(pattern)).toBe(path);
    expect(new RegExp(pattern.replace("(?P<", "(?<")).test(path)).toBe(true);
  });

  it("gives up on patterns JavaScript cannot compile or no plain path satisfies", () => {
    expect(samplePath("^/a(")).toBeUndefined();
    expect(samplePath("^api$")).toBeUndefined(); // no leading slash possible
    expect(samplePath("^/a b$")).toBeUndefined(); // a space is not a request path
  });
});

describe("sampleHost", () => {
  it("names a host under a leading wildcard, and nothing else", () => {
    expect(sampleHost("*.example.com")).toBe("kubegate-probe.example.com");
    expect(sampleHost("shop.example.com")).toBeUndefined();
    expect(sampleHost("a.*.example.com")).toBeUndefined();
  });
});

describe("sampleHostFromRegexp", () => {
  it.each([
    ["^.+\\.example\\.com$", "a.example.com"],
    ["^(shop|blog)\\.example\\.com$", "shop.example.com"],
    ["{subdomain:[a-z]+}.example.com", "a.example.com"],
    ["{tenant}.apps.example.com", "a.apps.example.com"],
  ])("%s -> %s", (pattern, host) => {
    expect(sampleHostFromRegexp(pattern)).toBe(host);
  });

  it("gives up when no valid host name matches", () => {
    expect(sampleHostFromRegexp("^[_]+\\.example\\.com$")).toBeUndefined();
  });
});
