import { createServer as createHttp, type Server } from "node:http";
import { createServer as createHttps } from "node:https";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCertificateAuthority, type CertificateAuthority } from "../stage/tls/certificate-authority.js";
import { probeAll } from "./probe-all.js";
import { probeRoute } from "./probe-route.js";
import type { ProbeTarget } from "./probe-target.js";

// A stand-in-like server on loopback: answers as Service shop/web for shop.example.com and as
// the controller's own 404 for anything else, like an ingress controller would.
const handler = (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => {
  if (req.headers.host === "shop.example.com") {
    res.writeHead(200, { "content-type": "application/json", "x-kubegate-standin": "1" });
    res.end(JSON.stringify({ namespace: "shop", service: "web", port: 80, path: req.url, host: req.headers.host }));
  } else {
    res.writeHead(404);
    res.end("404 page not found");
  }
};

const listen = (server: Server): Promise<number> => new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port)));

describe("probeRoute", () => {
  let ca: CertificateAuthority;
  let other: CertificateAuthority;
  let http: Server;
  let https: Server;
  let httpPort: number;
  let httpsPort: number;

  beforeAll(async () => {
    ca = await createCertificateAuthority({ name: "probe-test-ca" });
    other = await createCertificateAuthority({ name: "someone-else" });
    const shop = await ca.issue({ subject: "CN=shop.example.com", usage: "server", dnsNames: ["shop.example.com"] });
    http = createHttp(handler);
    https = createHttps({ cert: shop.cert, key: shop.key }, handler);
    httpPort = await listen(http);
    httpsPort = await listen(https);
  });
  afterAll(() => {
    http.close();
    https.close();
  });

  const target = (over: Partial<ProbeTarget>): ProbeTarget => ({ label: "t", host: "shop.example.com", path: "/", tls: false, port: httpPort, expected: { namespace: "shop", service: "web" }, ...over });

  it("passes when the named stand-in answers", async () => {
    const r = await probeRoute(target({}));
    expect(r).toMatchObject({ ok: true, status: 200, reached: { namespace: "shop", service: "web", port: 80 }, attempts: 1 });
  });

  it("fails with the controller's 404 when no route matches the host", async () => {
    const r = await probeRoute(target({ host: "blog.example.com" }));
    expect(r).toMatchObject({ ok: false, status: 404, problem: "status 404" });
  });

  it("fails when another Service answers", async () => {
    const r = await probeRoute(target({ expected: { namespace: "shop", service: "api" } }));
    expect(r.problem).toBe("reached shop/web, expected shop/api");
  });

  it("checks the served certificate: host coverage and the expected CA", async () => {
    const good = await probeRoute(target({ tls: true, port: httpsPort, ca: ca.certPem }));
    expect(good.ok).toBe(true);
    expect(good.certificate).toMatchObject({ coversHost: true, trusted: true, altNames: ["DNS:shop.example.com"] });
    const untrusted = await probeRoute(target({ tls: true, port: httpsPort, ca: other.certPem }));
    expect(untrusted.problem).toMatch(/does not chain to the expected CA/);
  });

  it("reports a certificate that does not cover the host (incident 004)", async () => {
    // SNI and Host say api.example.com; the server only has the shop certificate.
    const r = await probeRoute(target({ tls: true, port: httpsPort, host: "api.example.com", ca: ca.certPem }));
    expect(r.ok).toBe(false);
    expect(r.problem).toBe("certificate for DNS:shop.example.com does not cover api.example.com");
  });

  it("asserts status and response headers of explicit checks", async () => {
    const ok = await probeRoute(target({ host: "nope.example.com", expected: undefined, expectStatus: 404 }));
    expect(ok.ok).toBe(true);
    const header = await probeRoute(target({ expectHeaders: { "x-kubegate-standin": "^2$" } }));
    expect(header.problem).toBe("response header x-kubegate-standin: 1 does not match ^2$");
    const missing = await probeRoute(target({ expectHeaders: { location: "/login" } }));
    expect(missing.problem).toBe("response has no location header");
  });

  it("retries until the deadline and reports connection failures clearly", async () => {
    const closed = await listen(createHttp());
    // A server that accepts but never answers: every attempt times out.
    const r = await probeRoute(target({ port: closed }), { retryForMs: 300, intervalMs: 100, timeoutMs: 200 });
    expect(r.attempts).toBeGreaterThan(1);
    expect(r.ok).toBe(false);
  });

  it("lets a target shorten the run's retry window (a failure caused on purpose)", async () => {
    const silent = await listen(createHttp());
    const r = await probeRoute(target({ port: silent, retryForMs: 0 }), { retryForMs: 60_000, intervalMs: 100, timeoutMs: 200 });
    expect(r.ok).toBe(false);
    expect(r.attempts).toBe(1);
  });

  it("stops early on a failure that stays the same, not on one that changes or on connection errors", async () => {
    // The controller's 404 for an unknown host: the same answer every time.
    const r = await probeRoute(target({ host: "nope.example.com" }), { retryForMs: 60_000, stableFailureMs: 300, intervalMs: 50 });
    expect(r).toMatchObject({ ok: false, status: 404 });
    expect(r.attempts).toBeGreaterThan(2);
    // A server that never answers is a connection problem: retried for the whole window.
    const silent = await listen(createHttp());
    const slow = await probeRoute(target({ port: silent }), { retryForMs: 400, stableFailureMs: 1, intervalMs: 50, timeoutMs: 100 });
    expect(slow.ok).toBe(false);
    expect(slow.elapsedMs).toBeGreaterThanOrEqual(400);
  });

  it("probes many targets with bounded concurrency, keeping order", async () => {
    const targets = Array.from({ length: 40 }, (_, i) => target({ label: `t${i}`, path: `/p${i}`, host: i % 2 ? "shop.example.com" : "nope.example.com" }));
    const results = await probeAll(targets, { concurrency: 4 });
    expect(results.map((r) => r.ok)).toEqual(targets.map((_, i) => i % 2 === 1));
  });
});
