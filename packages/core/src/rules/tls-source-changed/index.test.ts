import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import rule from "./index.js";
import { fixtureCases, runRuleOnCase } from "../testing/run-fixture.js";

const dir = import.meta.dirname;
const fires = (name: string) => runRuleOnCase(rule, join(dir, "fixtures/fires", name));

describe("tls-source-changed", () => {
  it("replays incident 004: the mediawiki Ingress moves to a Certificate secret for other dnsNames", async () => {
    const findings = await fires("mediawiki-secret-to-certificate");
    expect(findings.map((f) => f.severity).sort()).toEqual(["critical", "warning"]);
    const change = findings.find((f) => f.severity === "warning")!;
    expect(change.message).toContain("hosts mw-api-ext.discovery.wmnet, api-ro.discovery.wmnet");
    expect(change.message).toContain("mediawiki/templates/ingress.yaml");
    expect(change.message).toContain(
      "Secret mw-api-ext/mediawiki-tls-proxy-certs (managed outside the manifests) -> Secret mw-api-ext/mediawiki-mw-api-ext-tls-proxy-certs from cert-manager Certificate mw-api-ext/mediawiki-mw-api-ext-tls-proxy-certs (ClusterIssuer/discovery)",
    );
    const gap = findings.find((f) => f.severity === "critical")!;
    expect(gap.resource).toMatchObject({ kind: "Ingress", name: "mediawiki-mw-api-ext" });
    expect(gap.message).toContain("for mw-api-int.discovery.wmnet, mediawiki.discovery.wmnet");
  });

  it("reports a shipped TLS Secret whose certificate does not name the host, as critical", async () => {
    const findings = await fires("x509-secret-other-host");
    expect(findings).toHaveLength(1);
    expect(findings[0]!.severity).toBe("critical");
    expect(findings[0]!.message).toMatch(/^host b\.example\.com \(Ingress web\/web, .*\) terminates TLS with Secret web\/a-tls, whose certificate \(kubernetes\.io\/tls\) is for a\.example\.com:/);
  });

  it("never prints the certificate or key data", async () => {
    const secret = load(readFileSync(join(dir, "fixtures/fires/x509-secret-other-host/head.yaml"), "utf8").split("\n---\n")[0]!) as { data: Record<string, string> };
    const crt = secret.data["tls.crt"]!;
    const key = secret.data["tls.key"]!;
    // Every 40-character slice of the base64 and of the decoded PEM bodies.
    const pieces = [crt, key, Buffer.from(crt, "base64").toString(), Buffer.from(key, "base64").toString()]
      .flatMap((s) => s.replace(/-----[A-Z ]+-----|\s/g, "").match(/.{40}/g) ?? []);
    expect(pieces.length).toBeGreaterThan(50);
    for (const f of await fires("x509-secret-other-host")) {
      expect(f.message).not.toContain("BEGIN");
      for (const piece of pieces) expect(f.message).not.toContain(piece);
    }
  });

  it("reports a Certificate whose issuerRef changes, naming the routed hosts", async () => {
    const findings = await fires("certificate-issuer-changed");
    expect(findings).toHaveLength(1);
    expect(findings[0]!.resource).toMatchObject({ kind: "Certificate", name: "shop" });
    expect(findings[0]!.message).toContain("changes issuer ClusterIssuer/letsencrypt-prod -> Issuer/selfsigned");
    expect(findings[0]!.message).toContain("hosts shop.example.com, www.shop.example.com");
    expect(findings[0]!.severity).toBe("warning");
  });

  it("reports a host that the Certificate's dnsNames no longer cover", async () => {
    const findings = await fires("certificate-dnsnames-shrink");
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toMatch(/^host www\.shop\.example\.com \(IngressRoute shop\/shop,/);
    expect(findings[0]!.message).toContain("Certificate shop/shop fills with a certificate for shop.example.com:");
    expect(findings[0]!.severity).toBe("critical");
  });

  it("reports TLS switched off and a certResolver change", async () => {
    const findings = await fires("tls-off-and-resolver");
    const messages = findings.map((f) => f.message);
    expect(messages).toHaveLength(2);
    // Losing TLS breaks https clients (high); another resolver is a reason to look (warning).
    expect(findings.map((f) => f.severity).sort()).toEqual(["high", "warning"]);
    expect(messages.find((m) => m.startsWith("host blog.example.com"))).toContain("(TLS switched off): Traefik certResolver letsencrypt -> no TLS");
    expect(messages.find((m) => m.startsWith("host status.example.com"))).toContain("(certResolver): Traefik certResolver letsencrypt -> Traefik certResolver letsencrypt-staging");
  });

  it("reports a Secret that a cert-manager Certificate now writes", async () => {
    const findings = await fires("secret-replaced-by-certificate");
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain("(Secret now written by a cert-manager Certificate): Secret api/api-tls (shipped in the manifests) -> Secret api/api-tls from cert-manager Certificate api/api");
  });

  it("reports a cert-manager cluster-issuer annotation change", async () => {
    const findings = await fires("ingress-shim-issuer-changed");
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toContain(
      "(cert-manager issuer): Secret api/api-tls issued by ClusterIssuer/letsencrypt-prod (cert-manager ingress-shim) -> Secret api/api-tls issued by ClusterIssuer/letsencrypt-staging (cert-manager ingress-shim)",
    );
  });

  it("stays quiet on near-misses", async () => {
    for (const c of fixtureCases(dir, "quiet")) expect(await runRuleOnCase(rule, c), c).toEqual([]);
  });
});
