import { join } from "node:path";
import { describe, expect, it } from "vitest";
import rule from "./index.js";
import { fixtureCases, runRuleOnCase } from "../testing/run-fixture.js";

const dir = import.meta.dirname;
const fires = (name: string) => runRuleOnCase(rule, join(dir, "fixtures/fires", name));

describe("tls-coverage-lost", () => {
  it("blocks an envoy sidecar whose certificate moves from a ConfigMap PEM to a Certificate for fewer names", async () => {
    const findings = await fires("envoy-sidecar-pem-to-certificate");
    const lost = findings.find((f) => f.severity === "critical")!;
    expect(lost.resource).toMatchObject({ kind: "Service", namespace: "api", name: "api" });
    expect(lost.message).toMatch(/^Service api\/api port 4447 \(.*envoy in the pods of Deployment api\/api listens with TLS on 4447 \(ConfigMap api\/api-envoy key envoy\.yaml\) serves \/etc\/envoy\/ssl\/service\.crt\) no longer covers name api-ro\.example\.org:/);
    expect(lost.message).toContain("base served ConfigMap api/api-tls-cert key service.crt for api.example.org, api-ro.example.org");
    expect(lost.message).toContain("head serves Secret api/api-tls-proxy-certs from cert-manager Certificate api/api-tls-proxy-certs (ClusterIssuer/discovery) for api.example.org");
    const issuer = findings.find((f) => f.severity === "warning")!;
    expect(issuer.message).toContain("issuer CN=Example Discovery CA -> cert-manager ClusterIssuer/discovery");
    expect(findings).toHaveLength(2);
  });

  it("blocks a Secret-mounted certificate renewed for fewer names, saying the port was taken for TLS by its name", async () => {
    const findings = await fires("secret-pem-guessed-port");
    expect(findings).toHaveLength(1);
    expect(findings[0]!.severity).toBe("critical");
    expect(findings[0]!.message).toContain("Service web/web port 443");
    expect(findings[0]!.message).toContain("port https looks like TLS and the pods of Deployment web/web mount /tls/tls.crt (container web)");
    expect(findings[0]!.message).toContain("no longer covers name www.example.org");
    expect(findings[0]!.message).toContain("the port is taken for TLS by its name or number");
  });

  it("blocks an nginx-served Certificate that loses a DNS name and an IP address", async () => {
    const findings = await fires("nginx-certificate-dnsnames-shrink");
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain("nginx in the pods of Deployment shop/shop listens with TLS on 9443 (ConfigMap shop/shop-nginx key default.conf) serves /etc/nginx/tls/tls.crt");
    expect(findings[0]!.message).toContain("no longer covers names www.shop.example.org, 10.0.0.7");
  });

  it("blocks a certificate expired at head and one not valid yet (Gateway listener)", async () => {
    const expired = await fires("expired-at-head");
    expect(expired.map((f) => f.severity)).toEqual(["critical"]);
    expect(expired[0]!.message).toMatch(/Secret web\/web-tls key tls\.crt for web\.example\.org, which expired on \d{4}-\d\d-\d\d: every client rejects it/);
    const future = await fires("gateway-listener-not-yet-valid");
    expect(future.map((f) => [f.severity, f.resource.kind])).toEqual([["critical", "HTTPRoute"]]);
    expect(future[0]!.message).toMatch(/^host shop\.example\.org \(HTTPRoute shop\/shop\) .* is not valid before \d{4}-/);
  });

  it("warns when the same names come from another CA", async () => {
    const findings = await fires("issuer-changed");
    expect(findings.map((f) => f.severity)).toEqual(["warning"]);
    expect(findings[0]!.message).toContain("issuer CN=Example CA -> issuer CN=Another CA");
  });

  it("says when base's certificate is not visible, and compares nothing it cannot see", async () => {
    const findings = await fires("base-certificate-not-visible");
    expect(findings.map((f) => f.severity)).toEqual(["info"]);
    expect(findings[0]!.message).toContain("base's certificate is not visible (Secret shop/shop-tls-manual (managed outside the manifests, mounted at /etc/nginx/tls))");
    expect(findings[0]!.message).toContain("head serves Secret shop/shop-tls from cert-manager Certificate shop/shop (ClusterIssuer/letsencrypt) for shop.example.org");
  });

  it("stays quiet on near-misses", async () => {
    for (const c of fixtureCases(dir, "quiet")) expect(await runRuleOnCase(rule, c), c).toEqual([]);
  });
});
