import { describe, expect, it } from "vitest";
import { buildSides } from "../check/build-sides.js";
import { parseSources } from "../load/load-manifests.js";
import { ANY_HOST, planProbes } from "./route-targets.js";

const set = (text: string) => buildSides([], parseSources([{ file: "m.yaml", text, format: "yaml" }]), {}).head;
const tlsEntrypoints = new Set(["websecure"]);

describe("planProbes", () => {
  it("sends TLS routes to the TLS entrypoint and plain ones to the others, one probe per host", () => {
    const probes = planProbes(set(`
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: shop}
spec:
  tls: [{hosts: [shop.example.com], secretName: shop-tls}]
  rules:
  - host: shop.example.com
    http: {paths: [{path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}]}
  - host: blog.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: blog, port: {name: http}}}}]}
`), ["web", "websecure", "traefik"], tlsEntrypoints);
    expect(probes.map((p) => [p.host, p.path, p.tls, p.entrypoint, p.expected?.service])).toEqual([
      ["shop.example.com", "/api", true, "websecure", "api"],
      ["blog.example.com", "/", false, "web", "blog"],
    ]);
  });

  it("honours IngressRoute entryPoints and skips what cannot be probed generically, saying why", () => {
    const probes = planProbes(set(`
apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata: {name: r, namespace: n}
spec:
  entryPoints: [internal]
  routes:
  - {match: "Host(\`a.example.com\`) && PathRegexp(\`^/v[0-9]+\`)", kind: Rule, services: [{name: a, port: 80}]}
  - {match: "PathPrefix(\`/any\`)", kind: Rule, services: [{name: b, port: 80}]}
  - {match: "Host(\`b.example.com\`) && PathRegexp(\`^/a b$\`)", kind: Rule, services: [{name: a, port: 80}]}
  - {match: "Host(\`*.apps.example.com\`)", kind: Rule, services: [{name: c, port: 80}]}
  - {match: "HostRegexp(\`^(eu|us)\\\\.api\\\\.example\\\\.com$\`)", kind: Rule, services: [{name: d, port: 80}]}
`), ["web", "internal"], tlsEntrypoints);
    // A regular-expression path is probed with a path the pattern accepts.
    expect(probes[0]).toMatchObject({ host: "a.example.com", path: "/v0", entrypoint: "internal" });
    expect(probes[0]!.skipped).toBeUndefined();
    expect(probes[1]).toMatchObject({ host: ANY_HOST, path: "/any", entrypoint: "internal" });
    expect(probes[1]!.skipped).toBeUndefined();
    // No request path satisfies it: skipped, saying why.
    expect(probes[2]).toMatchObject({ skipped: expect.stringMatching(/regular-expression path \^\/a b\$: no request path could be derived/) });
    // A wildcard host is probed as a name under it.
    expect(probes[3]).toMatchObject({ host: "*.apps.example.com", requestHost: "kubegate-probe.apps.example.com" });
    expect(probes[3]!.skipped).toBeUndefined();
    // A HostRegexp is probed with a host name it accepts, not as "any host".
    expect(probes[4]).toMatchObject({ host: "^(eu|us)\\.api\\.example\\.com$", requestHost: "eu.api.example.com" });
    expect(probes[4]!.skipped).toBeUndefined();
  });
});

describe("planChecks", () => {
  it("turns kubegate.yaml checks into probes with their expectations, and skips unknown entrypoints", async () => {
    const { planChecks } = await import("./route-targets.js");
    const [health, admin] = planChecks(
      [
        { name: "health", host: "shop.example.com", path: "/healthz", service: "apps/shop", status: 200, headers: { "x-probe": "1" } },
        { name: "admin", host: "admin.example.com", entrypoint: "internal" },
      ],
      ["web", "websecure"],
      tlsEntrypoints,
    );
    expect(health).toMatchObject({ id: 'check "health"', entrypoint: "web", path: "/healthz", expected: { namespace: "apps", service: "shop" }, request: { expectStatus: 200, headers: { "x-probe": "1" } } });
    expect(health!.skipped).toBeUndefined();
    expect(admin!.skipped).toMatch(/entrypoint internal is not one the staged controller listens on/);
  });
});
