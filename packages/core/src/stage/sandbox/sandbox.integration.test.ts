/**
 * A real sandbox: namespaces, processes inside, forwards from host loopback, teardown and
 * leak checks. Needs unshare + ip and either root or unprivileged user namespaces.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readdir, readFile, readlink, rm, writeFile } from "node:fs/promises";
import { request } from "node:http";
import { connect, createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../log/logger.js";
import { createSandbox, networkNamespaceOf } from "./create-sandbox.js";
import { transpileClosure } from "./dev-transpile.js";
import { findRunProcesses } from "./find-run-processes.js";
import type { Sandbox, SandboxProcess } from "./sandbox.js";

const HERE = dirname(fileURLToPath(import.meta.url));

// Answers GET with the address it was reached on and echoes POST bodies, on 127.0.0.1 and on
// a stand-in address, both port 8080 (fine: each sandbox has its own network namespace).
const SERVER = `
const http = require("http");
const handler = (req, res) => {
  if (req.method === "POST") { req.pipe(res); return; }
  res.end("hello from " + req.socket.localAddress);
};
let listening = 0;
for (const host of ["127.0.0.1", "198.18.0.10"]) {
  http.createServer(handler).listen(8080, host, () => { if (++listening === 2) console.log("listening"); });
}
process.on("SIGTERM", () => { console.log("bye"); process.exit(0); });
`;

function get(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    request({ host: "127.0.0.1", port, path: "/", agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (d: string) => (body += d));
      res.on("end", () => resolve(body));
    })
      .on("error", reject)
      .end();
  });
}

function post(port: number, body: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/", method: "POST", agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (d: Buffer) => chunks.push(d));
      res.on("end", () => resolve(Buffer.concat(chunks)));
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Every process whose network namespace is `ns`. */
async function processesInNamespace(ns: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const link = await readlink(`/proc/${entry}/ns/net`).catch(() => undefined);
    if (link === ns) pids.push(Number(entry));
  }
  return pids;
}

const runId = `test-sandbox-${process.pid}-${Date.now().toString(36)}`;
let sandbox: Sandbox | undefined;
afterAll(async () => {
  await sandbox?.dispose();
});

describe("sandbox (real namespaces)", () => {
  let server: SandboxProcess;
  let netns: string | undefined;

  it("starts a server inside, reachable on loopback and on a stand-in address through forwards", async () => {
    sandbox = await createSandbox({ runId, logger: silentLogger });
    expect(sandbox.pid).toBeGreaterThan(1);
    netns = await networkNamespaceOf(sandbox.pid);
    expect(netns).toMatch(/^net:\[\d+\]$/);
    expect(netns).not.toBe(await readlink("/proc/self/ns/net"));

    await sandbox.addAddress("198.18.0.10");
    await sandbox.addAddress("198.18.0.10"); // idempotent
    await sandbox.addAddresses(["198.18.0.10", "198.18.0.11", "198.18.0.12"]); // idempotent too, in one go
    let listening!: () => void;
    const ready = new Promise<void>((r) => (listening = r));
    server = await sandbox.spawn({
      name: "http",
      command: process.execPath,
      args: ["-e", SERVER],
      onLine: (line) => line === "listening" && listening(),
    });
    expect(server.pid).toBeGreaterThan(1);
    await ready;

    const loop = await sandbox.forward(8080);
    const standin = await sandbox.forward(8080, "198.18.0.10");
    expect(await get(loop.port)).toBe("hello from 127.0.0.1");
    expect(await get(standin.port)).toBe("hello from 198.18.0.10");
    const shown: string[] = [];
    await (await sandbox.spawn({ name: "ip", command: "ip", args: ["-4", "-o", "addr", "show"], onLine: (line) => shown.push(line) })).exited;
    for (const a of ["198.18.0.10", "198.18.0.11", "198.18.0.12"]) expect(shown.filter((l) => l.includes(` ${a}/32 `))).toHaveLength(1);

    // 8 MiB through the window-limited mux, both ways, several streams at once.
    const big = Buffer.alloc(8 * 1024 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31) & 0xff;
    const echoed = await Promise.all([post(loop.port, big), post(standin.port, big), post(loop.port, big.subarray(0, 1000))]);
    expect(echoed[0]!.equals(big)).toBe(true);
    expect(echoed[1]!.equals(big)).toBe(true);
    expect(echoed[2]!.length).toBe(1000);
    await standin.close();
    await loop.close();
  });

  it("carries half-close and turns a refused inside connection into a reset", async () => {
    // Half-close: the client ends its side first and still reads the whole answer.
    const loop = await sandbox!.forward(8080);
    const socket = connect({ host: "127.0.0.1", port: loop.port, allowHalfOpen: true });
    await once(socket, "connect");
    socket.end("GET / HTTP/1.0\r\nHost: x\r\n\r\n");
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("data", (d: string) => (answer += d));
    await once(socket, "end");
    expect(answer).toMatch(/^HTTP\/1\.[01] 200[\s\S]*hello from 127\.0\.0\.1$/);

    const refused = await sandbox!.forward(9); // nothing listens there inside
    await expect(get(refused.port)).rejects.toThrow(/ECONNRESET|socket hang up/);
    await refused.close();
    await loop.close();
  });

  it("exposes a host server inside under a mapped name, and resets connections whose target refuses", async () => {
    // A server on host loopback, as kind's API server would be (127.0.0.1:<mapped port>).
    const hostServer = createServer((socket) => socket.end("hello from the host"));
    await new Promise<void>((r) => hostServer.listen(0, "127.0.0.1", r));
    const hostPort = (hostServer.address() as AddressInfo).port;
    try {
      const exposed = await sandbox!.expose({ host: "127.0.0.1", port: hostPort }, { port: 6443 });
      await sandbox!.mapHosts([{ ip: "127.0.0.1", names: ["api.cluster.example"] }]);
      const client = `require("net").connect(6443, "api.cluster.example").on("data", (d) => process.stdout.write(d)).on("error", (e) => console.log("error " + e.code));`;
      const dialer = await sandbox!.spawn({ name: "dialer", command: process.execPath, args: ["-e", client] });
      await dialer.exited;
      expect(dialer.logs()).toBe("hello from the host");

      const dead = await sandbox!.expose({ host: "127.0.0.1", port: 9 }, { port: 6444 }); // nothing listens on the host's port 9
      const refused = await sandbox!.spawn({ name: "dialer", command: process.execPath, args: ["-e", client.replace("6443", "6444")] });
      await refused.exited;
      expect(refused.logs()).toBe("error ECONNRESET");
      await dead.close();
      await exposed.close();
      // Host files are untouched: the mapping lives in the sandbox's mount namespace only.
      expect(await readFile("/etc/hosts", "utf8")).not.toContain("api.cluster.example");
    } finally {
      hostServer.close();
    }
  });

  it("rejects a command that does not exist", async () => {
    await expect(sandbox!.spawn({ name: "nope", command: "/nonexistent/binary", args: [] })).rejects.toThrow(/cannot start nope.*ENOENT/);
  });

  it("kills a process and reports its exit with its output", async () => {
    await server.kill();
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.logs()).toBe("listening\nbye");
    await server.kill(); // no-op once exited
  });

  it("leaves nothing behind after dispose", async () => {
    const pid = sandbox!.pid;
    const sleeper = await sandbox!.spawn({ name: "sleeper", command: "sleep", args: ["600"] });
    await sandbox!.dispose();
    await sandbox!.dispose(); // idempotent
    expect(await sleeper.exited).toEqual({ code: null, signal: "SIGKILL" });
    expect(await readlink(`/proc/${pid}/ns/net`).catch(() => "gone")).toBe("gone");
    expect(await processesInNamespace(netns!)).toEqual([]);
    expect(await findRunProcesses(runId)).toEqual([]);
    await expect(sandbox!.spawn({ name: "late", command: "true", args: [] })).rejects.toThrow(/disposed/);
  });
});

describe("sandbox owner killed with SIGKILL", () => {
  it("takes every process of the run with it", async () => {
    // The owner runs the transpiled sources under plain node, as a built kubegate would.
    const work = await mkdtemp(join(tmpdir(), "kg-sandbox-test-"));
    try {
      // The sandbox folder and the exit guard it registers its process group with.
      const names = (await readdir(HERE)).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts")).map((f) => `stage/sandbox/${f.slice(0, -3)}`);
      const dir = join(await transpileClosure(join(HERE, "..", ".."), [...names, "util/exit-guard"], join(work, "lib")), "stage", "sandbox");
      const ownerRunId = `test-owner-${process.pid}-${Date.now().toString(36)}`;
      const script = join(work, "owner.mjs");
      await writeFile(
        script,
        `import { createSandbox } from ${JSON.stringify(join(dir, "create-sandbox.js"))};
const logger = { info() {}, warn() {}, debug() {} };
const sandbox = await createSandbox({ runId: ${JSON.stringify(ownerRunId)}, logger });
const p = await sandbox.spawn({ name: "sleeper", command: "sleep", args: ["600"] });
console.log("READY " + sandbox.pid + " " + p.pid);
setInterval(() => {}, 1000);
`,
      );
      const owner = spawn(process.execPath, [script], { stdio: ["ignore", "pipe", "inherit"] });
      let out = "";
      owner.stdout.setEncoding("utf8");
      owner.stdout.on("data", (d: string) => (out += d));
      const supervisorPid = await waitFor("the owner to start its sandbox", async () => {
        const m = /READY (\d+) (\d+)/.exec(out);
        return m ? Number(m[1]) : undefined;
      });
      const netns = await networkNamespaceOf(supervisorPid);
      const before = await findRunProcesses(ownerRunId);
      expect(before.map((p) => p.via).sort()).toEqual(["cmdline", "cmdline", "environ"]); // unshare, supervisor, sleep

      owner.kill("SIGKILL");
      await once(owner, "exit");
      await waitFor("the run's processes to disappear", async () => ((await findRunProcesses(ownerRunId)).length === 0 ? true : undefined), 10_000);
      expect(await processesInNamespace(netns!)).toEqual([]);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
