import { describe, expect, it } from "vitest";
import { parseTraefikMatch } from "./traefik-match.js";

describe("parseTraefikMatch", () => {
  it("reads hosts, host regexps and the path, v2 and v3 style", () => {
    expect(parseTraefikMatch("Host(`a.example.com`, `b.example.com`) && PathPrefix(`/api`)")).toEqual({ hosts: ["a.example.com", "b.example.com"], hostRegexps: [], path: { type: "Prefix", value: "/api" } });
    expect(parseTraefikMatch('Host("a.example.com") || Host("c.example.com")')).toMatchObject({ hosts: ["a.example.com", "c.example.com"] });
    expect(parseTraefikMatch("HostRegexp(`{sub:[a-z]+}.example.com`)")).toEqual({ hosts: [], hostRegexps: ["{sub:[a-z]+}.example.com"] });
  });

  it("keeps parentheses inside quoted regular expressions", () => {
    expect(parseTraefikMatch("HostRegexp(`^(shop|blog)\\.example\\.com$`) && PathRegexp(`^/(en|fr)/docs`)")).toEqual({
      hosts: [],
      hostRegexps: ["^(shop|blog)\\.example\\.com$"],
      path: { type: "Regex", value: "^/(en|fr)/docs" },
    });
  });
});
