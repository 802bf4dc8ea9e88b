/**
 * The echo server inside a real sandbox: one process, listeners on stand-in addresses, reached
 * from the host through forwards. Needs unshare + ip and root or unprivileged user namespaces.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../log/logger.js";
import { createSandbox } from "../sandbox/create-sandbox.js";
import { findRunProcesses } from "../sandbox/find-run-processes.js";
import type { Sandbox } from "../sandbox/sandbox.js";
import { STANDIN_HEADER } from "./echo-protocol.js";
import type { StandinPlan } from "./plan.js";
import { startStandins } from "./start-standins.js";
import { probeRoute } from "../../probe/probe-route.js";
import { createCertificateAuthority } from "../tls/certificate-authority.js";

function get(port: number, path: string, host: string): Promise<{ status: number; header: string | undefined; body: unknown }> {
  return new Promise((resolve, reject) => {
    request({ host: "127.0.0.1", port, path, headers: { host }, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, header: res.headers[STANDIN_HEADER] as string | undefined, body: JSON.parse(body) }));
    })
      .on("error", reject)
      .end();
  });
}

const runId = `test-standins-${process.pid}-${Date.now().toString(36)}`;
let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  sandbox = await createSandbox({ runId, logger: silentLogger });
  dir = await mkdtemp(join(tmpdir(), "kubegate-standins-test-"));
}, 30_000);

afterAll(async () => {
  await sandbox?.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe("stand-in echo server (real sandbox)", () => {
  it("answers on every (Service, target port) with the Service's identity, from one process", async () => {
    const plan: StandinPlan = {
      services: [
        { namespace: "shop", name: "web", address: "198.18.1.1", ports: [{ name: "http", port: 80, targetPort: 8080, protocol: "TCP" }, { name: "admin", port: 9000, targetPort: 9090, protocol: "TCP" }] },
        { namespace: "blog", name: "web", address: "198.18.1.2", ports: [{ name: "", port: 80, targetPort: 8080, protocol: "TCP" }] },
      ],
      listeners: [
        { address: "198.18.1.1", port: 8080, namespace: "shop", service: "web" },
        { address: "198.18.1.1", port: 9090, namespace: "shop", service: "web" },
        { address: "198.18.1.2", port: 8080, namespace: "blog", service: "web" },
      ],
      notes: [],
    };
    const t0 = Date.now();
    const standins = await startStandins({ sandbox, dir, kubeconfigPath: "/nonexistent" }, plan, { logger: silentLogger, writeEndpoints: false });
    const startMs = Date.now() - t0;
    try {
      expect(standins.process).toBeDefined();
      const shop = await sandbox.forward(8080, "198.18.1.1");
      const admin = await sandbox.forward(9090, "198.18.1.1");
      const blog = await sandbox.forward(8080, "198.18.1.2");
      expect(await get(shop.port, "/cart?x=1", "shop.example.com")).toEqual({
        status: 200,
        header: "shop/web:8080",
        body: { namespace: "shop", service: "web", port: 8080, path: "/cart?x=1", host: "shop.example.com" },
      });
      expect((await get(admin.port, "/", "a")).body).toMatchObject({ namespace: "shop", service: "web", port: 9090 });
      expect((await get(blog.port, "/post/1", "blog.example.com")).body).toEqual({ namespace: "blog", service: "web", port: 8080, path: "/post/1", host: "blog.example.com" });
      // NetworkPolicy emulation: a refused listener resets connections, the others keep answering,
      // and an empty list lifts the refusal.
      await standins.refuse([{ address: "198.18.1.1", port: 9090 }]);
      await expect(get(admin.port, "/", "a")).rejects.toThrow(/ECONNRESET|socket hang up/);
      expect((await get(shop.port, "/", "shop.example.com")).status).toBe(200);
      await standins.refuse([]);
      expect((await get(admin.port, "/", "a")).status).toBe(200);
      // One process serves every listener.
      const inside = (await findRunProcesses(runId)).filter((p) => p.command.includes("echo-server"));
      expect(inside).toHaveLength(1);
      console.log(`stand-ins: echo server with ${plan.listeners.length} listeners up in ${startMs} ms`);
    } finally {
      await standins.stop();
    }
    expect(await standins.process!.exited).toEqual({ code: 0, signal: null });
  }, 60_000);

  it("serves a listener's own certificate (a pod that terminates TLS) and swaps it between base and head", async () => {
    const plan: StandinPlan = {
      services: [{ namespace: "api", name: "api", address: "198.18.1.3", ports: [{ name: "https", port: 4447, targetPort: 4447, protocol: "TCP" }] }],
      listeners: [{ address: "198.18.1.3", port: 4447, namespace: "api", service: "api" }],
      notes: [],
    };
    const ca = await createCertificateAuthority({ name: "standins-test-ca" });
    const [before, after] = await Promise.all([
      ca.issue({ subject: "CN=api", usage: "server", dnsNames: ["api.example.org", "api-ro.example.org"] }),
      ca.issue({ subject: "CN=api", usage: "server", dnsNames: ["api.example.org"] }),
    ]);
    const standins = await startStandins({ sandbox, dir, kubeconfigPath: "/nonexistent" }, plan, { logger: silentLogger, writeEndpoints: false });
    try {
      const forward = await sandbox.forward(4447, "198.18.1.3");
      const probe = (host: string) => probeRoute({ label: host, host, path: "/", tls: true, port: forward.port, ca: ca.certPem, expected: { namespace: "api", service: "api" } });
      await standins.serveCertificates({ "198.18.1.3:4447": before });
      expect((await probe("api-ro.example.org")).ok).toBe(true);
      await standins.serveCertificates({ "198.18.1.3:4447": after });
      expect((await probe("api.example.org")).ok).toBe(true);
      expect((await probe("api-ro.example.org")).problem).toBe("certificate for DNS:api.example.org does not cover api-ro.example.org");
    } finally {
      await standins.stop();
    }
  }, 60_000);

  it("fails with the echo server's message when a listener cannot bind", async () => {
    const plan: StandinPlan = {
      services: [],
      // 198.18.77.77 is not on the stand-in link (addresses come from plan.services).
      listeners: [{ address: "198.18.77.77", port: 8080, namespace: "x", service: "y" }],
      notes: [],
    };
    await expect(startStandins({ sandbox, dir, kubeconfigPath: "/nonexistent" }, plan, { logger: silentLogger, writeEndpoints: false })).rejects.toThrow(
      /stand-in echo server exited \(exit code 1\): kubegate-echo: cannot listen on 198\.18\.77\.77:8080 \(x\/y\): listen EADDRNOTAVAIL/,
    );
  }, 60_000);
});
