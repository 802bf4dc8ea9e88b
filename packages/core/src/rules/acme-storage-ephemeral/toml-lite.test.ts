import { describe, expect, it } from "vitest";
import { parseTomlLite } from "./toml-lite.js";

describe("parseTomlLite", () => {
  it("reads a Traefik v2 resolver table with comments and other values", () => {
    const toml = `
# static configuration
[entryPoints.websecure]
  address = ":443" # https

[certificatesResolvers.le.acme]
  email = "ops@example.com"
  storage = "/data/acme.json"
  [certificatesResolvers.le.acme.dnsChallenge]
    provider = "route53"
    delayBeforeCheck = 0
`;
    const parsed = parseTomlLite(toml) as any;
    expect(parsed.certificatesResolvers.le.acme.storage).toBe("/data/acme.json");
    expect(parsed.certificatesResolvers.le.acme.dnsChallenge.provider).toBe("route53");
    expect(parsed.entryPoints.websecure.address).toBe(":443");
  });

  it("reads dotted and quoted keys, literal strings and escapes", () => {
    const parsed = parseTomlLite(`certificatesResolvers."my.resolver".acme.storage = 'C:\\acme.json'\nkey = "a\\"b#c" # note`) as any;
    expect(parsed.certificatesResolvers["my.resolver"].acme.storage).toBe("C:\\acme.json");
    expect(parsed.key).toBe('a"b#c');
  });

  it("reads a Traefik v1 [acme] table and arrays of tables", () => {
    const parsed = parseTomlLite(`[acme]\nstorage = "acme.json"\nonHostRule = true\n[[acme.domains]]\n  main = "example.com"\n[[acme.domains]]\n  main = "example.org"`) as any;
    expect(parsed.acme.storage).toBe("acme.json");
    expect(parsed.acme.onHostRule).toBe(true);
    expect(parsed.acme.domains.map((d: any) => d.main)).toEqual(["example.com", "example.org"]);
  });

  it("skips lines it cannot read instead of throwing", () => {
    expect(parseTomlLite("this is not toml\n[a]\nb = \"c\"")).toEqual({ a: { b: "c" } });
  });
});
