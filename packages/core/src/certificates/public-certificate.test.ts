import { describe, expect, it } from "vitest";
import { createCertificateAuthority } from "../stage/tls/certificate-authority.js";
import { leafCertificate, parseCertificates, subjectAltNames } from "./public-certificate.js";

describe("subjectAltNames (OpenSSL's text, as node:crypto prints it)", () => {
  it("reads DNS names and IP addresses in order", () => {
    expect(subjectAltNames("DNS:a.example.org, DNS:*.b.example.org, IP Address:10.1.2.3")).toEqual([
      { type: "DNS", value: "a.example.org" },
      { type: "DNS", value: "*.b.example.org" },
      { type: "IP Address", value: "10.1.2.3" },
    ]);
  });

  it("reads a name Node quotes because it holds a comma or a quote, without splitting it", () => {
    expect(subjectAltNames('DNS:"evil.example, DNS:victim.example", DNS:ok.example')).toEqual([
      { type: "DNS", value: "evil.example, DNS:victim.example" },
      { type: "DNS", value: "ok.example" },
    ]);
  });

  it("has nothing for a certificate without the extension", () => {
    expect(subjectAltNames(undefined)).toEqual([]);
  });
});

describe("parseCertificates / leafCertificate", () => {
  it("puts the leaf before its CA and describes names, issuer, validity and fingerprint", async () => {
    const ca = await createCertificateAuthority({ name: "parse-test-ca" });
    const leaf = await ca.issue({ subject: "CN=shop", usage: "server", dnsNames: ["Shop.Example.org"], ips: ["10.0.0.7"] });
    const chain = parseCertificates(`${ca.certPem}\n${leaf.cert}`);
    expect(chain.map((c) => c.isCa)).toEqual([false, true]);
    const described = leafCertificate(`${ca.certPem}\n${leaf.cert}`)!;
    expect(described).toMatchObject({ dnsNames: ["shop.example.org"], ipAddresses: ["10.0.0.7"], issuer: "CN=parse-test-ca" });
    expect(described.notAfter.getTime()).toBeGreaterThan(described.notBefore.getTime());
    expect(described.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it("skips blocks that do not parse (placeholders) and never reads private keys", () => {
    const text = "-----BEGIN CERTIFICATE-----\nnot a certificate\n-----END CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----\nMII\n-----END PRIVATE KEY-----\n";
    expect(parseCertificates(text)).toEqual([]);
  });
});
