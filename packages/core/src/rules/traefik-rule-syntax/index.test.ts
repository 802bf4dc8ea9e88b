import { join } from "node:path";
import { describe, expect, it } from "vitest";
import rule from "./index.js";
import { runRuleOnCase } from "../testing/run-fixture.js";
import { parseTraefikRule } from "./parse-rule.js";
import { matcherProblem } from "./matchers.js";

const dir = import.meta.dirname;
const run = (kind: "fires" | "quiet", name: string) => runRuleOnCase(rule, join(dir, "fixtures", kind, name));

describe("traefik-rule-syntax", () => {
  it("a v2 HostRegexp template on Traefik v3 (the route worked at base: critical)", async () => {
    const [f, ...rest] = await run("fires", "hostregexp-template-on-v3");
    expect(rest).toEqual([]);
    expect(f!.severity).toBe("critical");
    expect(f!.resource).toMatchObject({ kind: "IngressRoute", namespace: "apps", name: "previews" });
    expect(f!.message).toContain("HostRegexp(`{branch:[a-z0-9-]+}.previews.example.com`) uses a v2 {name:regexp} template, which v3 reads as a Go regular expression, which matches no real host");
    expect(f!.message).toContain("read by Traefik v3.6.14 (Deployment traefik/traefik) with v3 rule syntax");
  });

  it("upgrading Traefik v2 -> v3 under unchanged v2 rules: critical, one finding per route", async () => {
    const findings = await run("fires", "upgrade-to-v3");
    expect(findings.map((f) => [f.resource.name, f.severity])).toEqual([
      ["shop", "critical"],
      ["api", "critical"],
    ]);
    expect(findings[0]!.message).toContain("Host takes 1 value in v3 syntax, not 2 (join one Host per value with ||)");
    expect(findings[1]!.message).toContain("Headers is a v2-only matcher (v3 uses Header)");
    expect(findings[1]!.message).toContain("the rule was valid for the Traefik of base");
  });

  it("a v3 matcher on Traefik v2", async () => {
    const [f] = await run("fires", "v3-matcher-on-v2");
    expect(f!.message).toContain("PathRegexp is a v3-only matcher");
  });

  it("stays quiet on v3 rules on v3, v2 syntax kept by route or flag, and without a Traefik in the change", async () => {
    for (const name of ["v3-rules-on-v3", "v2-syntax-kept", "no-traefik-in-change"]) expect(await run("quiet", name), name).toEqual([]);
  });

  it("parses operators, parentheses, both quotes and escapes; reports what does not parse", () => {
    expect(parseTraefikRule('!Host("a.example.com") && (Query(`q`, `1`) || HeaderRegexp(`X-A`, "\\"x\\""))')).toEqual({
      calls: [
        { name: "Host", args: ["a.example.com"] },
        { name: "Query", args: ["q", "1"] },
        { name: "HeaderRegexp", args: ["X-A", '"x"'] },
      ],
    });
    expect(parseTraefikRule("Host(`a`")).toMatchObject({ error: expect.stringContaining("expected") });
    expect(parseTraefikRule("Host('a')")).toMatchObject({ error: expect.stringContaining("quoted") });
  });

  it("checks TCP routers and v2 HostRegexp values that are v3 regular expressions", () => {
    expect(matcherProblem({ name: "HostSNI", args: ["a", "b"] }, "v3", "tcp")).toContain("HostSNI takes 1 value");
    expect(matcherProblem({ name: "HostSNIRegexp", args: ["^a$"] }, "v2", "tcp")).toContain("v3-only");
    expect(matcherProblem({ name: "HostRegexp", args: ["^[a-z]+\\.example\\.com$"] }, "v2", "http")).toContain("v2 reads HostRegexp values as {name:regexp} host templates");
    expect(matcherProblem({ name: "PathPrefix", args: ["api"] }, "v3", "http")).toContain('does not start with "/"');
  });
});
