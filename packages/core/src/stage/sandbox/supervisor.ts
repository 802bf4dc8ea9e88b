/**
 * PID 1 of a kubegate sandbox, started by create-sandbox.ts as
 *   unshare [--user --map-root-user] --net --pid --fork --kill-child --mount-proc \
 *     node supervisor.js --kubegate-run-id=<runId>
 *
 * It sets up the fresh network namespace (lo up, a link for stand-in addresses), says hello,
 * then obeys framed requests on stdin (frame-codec.ts, protocol.ts): spawn/kill processes,
 * add addresses, open TCP streams to servers inside, listen inside for connections the host
 * carries out (to an external cluster's API server), map host names. When stdin closes (kubegate finished, or
 * died in any way) it kills every child and exits; the kernel then kills whatever is left in
 * the PID namespace and frees the network namespace, so a run can never leak processes.
 *
 * Known limit: node does not reap orphaned grandchildren re-parented to PID 1; they stay
 * zombies until the sandbox ends. The components we run (etcd, kube-apiserver, traefik, node
 * stand-ins) do not fork.
 *
 * Runs as-is under plain node: imports only node builtins and its closure in this folder.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer, isIP, isIPv4, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FrameDecoder, FrameType, decodeJson, encodeFrame, encodeJsonFrame, type Frame } from "./frame-codec.js";
import { LineSplitter } from "./line-ring.js";
import {
  INSIDE_STREAM_BASE,
  RUN_ID_ARG,
  RUN_ID_ENV,
  STANDIN_INTERFACE,
  type Accepted,
  type ExitEvent,
  type Hello,
  type HostsEntry,
  type OpenStream,
  type Reply,
  type Request,
  type SpawnResult,
} from "./protocol.js";
import { StreamMux } from "./stream-mux.js";

const runId = process.argv.find((a) => a.startsWith(RUN_ID_ARG))?.slice(RUN_ID_ARG.length) ?? "";
const children = new Map<number, ChildProcess>();
let closing = false;
let standinInterface = STANDIN_INTERFACE;
const listeners = new Map<number, Server>();
let nextInsideStream = INSIDE_STREAM_BASE;

// stdout to a pipe is synchronous in node on Linux: frames are never reordered or lost at exit.
function send(frame: Buffer): void {
  if (!closing) process.stdout.write(frame);
}

const mux = new StreamMux(send);

function shutdown(code: number, reason?: string): void {
  if (closing) return;
  closing = true;
  if (reason) process.stderr.write(`kubegate-supervisor: ${reason}\n`);
  for (const child of children.values()) killGroup(child, "SIGKILL");
  for (const server of listeners.values()) server.close();
  mux.destroyAll();
  process.exit(code);
}

/** Children run in their own process group (detached), so a kill reaches what they started too. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 10_000 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`${command} ${args.join(" ")}: ${String(stderr).trim() || err.message}`));
      else resolve();
    });
  });
}

function runWithInput(command: string, args: string[], input: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, { timeout: 30_000 }, (err, _stdout, stderr) => {
      if (err) reject(new Error(`${command} ${args.join(" ")}: ${String(stderr).trim() || err.message}`));
      else resolve();
    });
    child.stdin?.end(input);
  });
}

function ip(args: string[]): Promise<void> {
  return run("ip", args);
}

async function setUpNetwork(): Promise<Hello> {
  await ip(["link", "set", "lo", "up"]);
  // A dummy link is the natural holder of local-only addresses; some kernels lack the driver,
  // and an empty bridge behaves the same (addresses are local, nothing can leave).
  for (const kind of ["dummy", "bridge"] as const) {
    try {
      await ip(["link", "add", STANDIN_INTERFACE, "type", kind]);
      await ip(["link", "set", STANDIN_INTERFACE, "up"]);
      return { interface: STANDIN_INTERFACE, linkKind: kind };
    } catch {
      await ip(["link", "del", STANDIN_INTERFACE]).catch(() => undefined);
    }
  }
  standinInterface = "lo";
  return { interface: "lo", linkKind: "lo" };
}

function childEnv(extra: Record<string, string>): Record<string, string> {
  // A small, fixed base instead of kubegate's whole environment: no proxies, KUBECONFIG or
  // NODE_OPTIONS leak into components, and every process inside names the run.
  const base: Record<string, string> = { PATH: process.env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin", [RUN_ID_ENV]: runId };
  for (const key of ["HOME", "TMPDIR", "LANG", "TZ"]) {
    const value = process.env[key];
    if (value !== undefined) base[key] = value;
  }
  return { ...base, ...extra };
}

async function spawnProcess(req: Extract<Request, { op: "spawn" }>): Promise<SpawnResult> {
  const child = spawn(req.command, req.args, {
    cwd: req.cwd,
    env: childEnv(req.env),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  await new Promise<void>((resolve, reject) => {
    child.once("spawn", resolve);
    child.once("error", reject);
  });
  child.on("error", () => undefined); // later errors (e.g. kill of a gone process) are not fatal
  children.set(req.handle, child);
  for (const stream of [child.stdout, child.stderr]) {
    const splitter = new LineSplitter();
    stream?.setEncoding("utf8");
    stream?.on("data", (text: string) => {
      for (const line of splitter.push(text)) send(encodeFrame(FrameType.output, req.handle, line));
    });
    stream?.on("end", () => {
      for (const line of splitter.flush()) send(encodeFrame(FrameType.output, req.handle, line));
    });
  }
  let reported = false;
  const report = (code: number | null, signal: NodeJS.Signals | null): void => {
    if (reported) return;
    reported = true;
    children.delete(req.handle);
    const event: ExitEvent = { code, signal };
    send(encodeJsonFrame(FrameType.exit, req.handle, event));
  };
  // 'close' comes after the last output line; a grandchild holding the pipes open must not
  // hide the exit, hence the fallback on 'exit'.
  child.on("close", report);
  child.on("exit", (code, signal) => setTimeout(() => report(code, signal), 2000).unref());
  return { pid: child.pid ?? -1 };
}

async function handleRequest(req: Request): Promise<unknown> {
  switch (req.op) {
    case "ping":
      return { pid: process.pid, processes: children.size, streams: mux.size };
    case "spawn":
      return spawnProcess(req);
    case "kill": {
      const child = children.get(req.handle);
      if (child) killGroup(child, req.signal as NodeJS.Signals);
      return { found: child !== undefined };
    }
    case "addAddress": {
      if (!isIPv4(req.ip)) throw new Error(`not an IPv4 address: ${req.ip}`);
      try {
        await ip(["addr", "add", `${req.ip}/32`, "dev", standinInterface]);
      } catch (err) {
        if (!/File exists|already assigned/i.test((err as Error).message)) throw err;
      }
      return { interface: standinInterface };
    }
    case "addAddresses": {
      // One `ip -batch` for all of them: a process per address took ~4 s for a thousand stand-ins.
      const bad = req.ips.find((a) => !isIPv4(a));
      if (bad !== undefined) throw new Error(`not an IPv4 address: ${bad}`);
      if (req.ips.length > 0) await runWithInput("ip", ["-batch", "-"], req.ips.map((a) => `addr replace ${a}/32 dev ${standinInterface}\n`).join(""));
      return { interface: standinInterface, added: req.ips.length };
    }
    case "listen":
      return listen(req.listener, req.host, req.port);
    case "unlisten": {
      const server = listeners.get(req.listener);
      listeners.delete(req.listener);
      server?.close();
      return { found: server !== undefined };
    }
    case "hosts":
      return replaceHosts(req.entries);
    default:
      throw new Error(`unknown op ${(req as { op?: unknown }).op as string}`);
  }
}

/**
 * A listener inside whose connections the host carries to a target outside (an external
 * cluster's API server for a controller running in here). Only the host decides where they go.
 */
function listen(listener: number, host: string, port: number): Promise<{ port: number }> {
  const server = createServer({ allowHalfOpen: true, pauseOnConnect: true }, (socket) => {
    const id = nextInsideStream++;
    if (nextInsideStream > 0xffffffff) nextInsideStream = INSIDE_STREAM_BASE;
    socket.setNoDelay(true);
    // Held paused until the host has connected to the target (its `opened` frame).
    mux.attach(id, socket, { started: false });
    send(encodeJsonFrame(FrameType.accept, id, { listener } satisfies Accepted));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      listeners.set(listener, server);
      const address = server.address();
      resolve({ port: typeof address === "object" && address ? address.port : port });
    });
  });
}

/**
 * Names of external API servers must resolve to the listeners above. The sandbox has its own
 * mount namespace (unshare --mount-proc), so a bind mount over /etc/hosts changes it for the
 * processes in here only. The file is unlinked right after: the mount keeps it alive and
 * nothing is left on disk, whatever happens to the sandbox.
 */
async function replaceHosts(entries: HostsEntry[]): Promise<{ entries: number }> {
  for (const e of entries) {
    if (!isIP(e.ip)) throw new Error(`not an IP address: ${e.ip}`);
    for (const name of e.names) if (!/^[A-Za-z0-9.-]{1,253}$/.test(name)) throw new Error(`not a host name: ${JSON.stringify(name)}`);
  }
  const dir = mkdtempSync(join(tmpdir(), "kubegate-hosts-"));
  const file = join(dir, "hosts");
  try {
    const lines = ["127.0.0.1 localhost", "::1 localhost ip6-localhost ip6-loopback", ...entries.map((e) => `${e.ip} ${e.names.join(" ")}`)];
    writeFileSync(file, `${lines.join("\n")}\n`, { mode: 0o644 });
    await run("mount", ["--bind", file, "/etc/hosts"]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { entries: entries.length };
}

function openStream(id: number, target: OpenStream): void {
  const socket = connect({ host: target.host, port: target.port, allowHalfOpen: true });
  socket.setNoDelay(true);
  mux.attach(id, socket);
  socket.once("connect", () => send(encodeFrame(FrameType.opened, id)));
}

function onFrame(frame: Frame): void {
  if (mux.handle(frame)) return;
  if (frame.type === FrameType.opened) {
    mux.start(frame.id); // the host reached the target of an accepted connection
    return;
  }
  if (frame.type === FrameType.open) {
    openStream(frame.id, decodeJson<OpenStream>(frame));
    return;
  }
  if (frame.type !== FrameType.request) throw new Error(`unexpected frame type ${frame.type}`);
  const req = decodeJson<Request>(frame);
  handleRequest(req).then(
    (result) => send(encodeJsonFrame(FrameType.reply, frame.id, { ok: true, result } satisfies Reply)),
    (err: unknown) => send(encodeJsonFrame(FrameType.reply, frame.id, { ok: false, error: err instanceof Error ? err.message : String(err) } satisfies Reply)),
  );
}

async function main(): Promise<void> {
  for (const sig of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(sig, () => shutdown(0));
  process.on("uncaughtException", (err) => shutdown(1, `uncaught: ${err.stack ?? err.message}`));
  process.stdout.on("error", () => shutdown(0)); // EPIPE: kubegate is gone
  process.stdin.on("end", () => shutdown(0));
  process.stdin.on("close", () => shutdown(0));

  const decoder = new FrameDecoder();
  // Requests are read only after the network is ready (stdin is paused until the listener).
  const hello = await setUpNetwork();
  send(encodeJsonFrame(FrameType.hello, 0, hello));
  process.stdin.on("data", (chunk: Buffer) => {
    for (const frame of decoder.push(chunk)) onFrame(frame);
  });
}

main().catch((err: unknown) => shutdown(1, `setup failed: ${err instanceof Error ? err.message : String(err)}`));
