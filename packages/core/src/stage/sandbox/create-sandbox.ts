/**
 * Host side of the sandbox: starts the supervisor as PID 1 of fresh namespaces (see
 * supervisor.ts) and implements the Sandbox contract over its framed stdin/stdout.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readFile, readlink } from "node:fs/promises";
import { connect, createServer, type Server, type Socket } from "node:net";
import type { Logger } from "../../log/logger.js";
import { FrameDecoder, FrameType, decodeJson, encodeFrame, encodeJsonFrame, type Frame } from "./frame-codec.js";
import { LineRing } from "./line-ring.js";
import { RUN_ID_ARG, RUN_ID_ENV, type Accepted, type ExitEvent, type Hello, type Reply, type Request, type SpawnResult } from "./protocol.js";
import type { Sandbox, SandboxExit, SandboxProcess, SandboxProcessSpec } from "./sandbox.js";
import { StreamMux } from "./stream-mux.js";
import { guardProcessGroup } from "../../util/exit-guard.js";
import { supervisorFate } from "./supervisor-fate.js";
import { supervisorScript } from "./supervisor-entry.js";
import { detectUnshareMode, unshareFlags, type UnshareMode } from "./unshare-mode.js";

export interface CreateSandboxOptions {
  /** Names the sandbox in /proc (cmdline and environ) so leftovers can be found. */
  runId: string;
  logger: Logger;
  /** Aborts start-up; once created, the owner disposes the sandbox. */
  signal?: AbortSignal;
  /** Lines kept per process for logs(). */
  logLines?: number;
}

const HELLO_TIMEOUT_MS = 15_000;
const DISPOSE_GRACE_MS = 5_000;

export async function createSandbox(options: CreateSandboxOptions): Promise<Sandbox> {
  options.signal?.throwIfAborted();
  const mode = await detectUnshareMode();
  const script = await supervisorScript();
  const sandbox = new HostSandbox(options, mode, script);
  try {
    await sandbox.start(options.signal);
  } catch (err) {
    await sandbox.dispose();
    throw err;
  }
  return sandbox;
}

interface ProcessState {
  spec: SandboxProcessSpec;
  ring: LineRing;
  settle: (exit: SandboxExit) => void;
  exited: boolean;
}

class HostSandbox implements Sandbox {
  readonly runId: string;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly decoder = new FrameDecoder();
  private readonly mux: StreamMux;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (err: Error) => void }>();
  private readonly processes = new Map<number, ProcessState>();
  private readonly servers = new Set<{ server: Server; sockets: Set<Socket> }>();
  private readonly stderr = new LineRing(50);
  private nextRequest = 1;
  private nextHandle = 1;
  private nextStream = 1;
  private nextListener = 1;
  /** Listeners inside (expose()) -> where their connections go on the host side. */
  private readonly exposed = new Map<number, { host: string; port: number; sockets: Set<Socket> }>();
  private hello?: Hello;
  private supervisorPid = -1;
  private disposing?: Promise<void>;
  private readonly childExit: Promise<SandboxExit>;
  private helloWaiter?: { resolve: (hello: Hello) => void; reject: (err: Error) => void };

  constructor(
    private readonly options: CreateSandboxOptions,
    readonly mode: UnshareMode,
    script: string,
  ) {
    this.runId = options.runId;
    const env: NodeJS.ProcessEnv = { PATH: process.env["PATH"], [RUN_ID_ENV]: options.runId };
    for (const key of ["HOME", "TMPDIR", "LANG", "TZ"]) if (process.env[key] !== undefined) env[key] = process.env[key];
    this.child = spawn("unshare", [...unshareFlags(mode), process.execPath, script, `${RUN_ID_ARG}${options.runId}`], {
      stdio: ["pipe", "pipe", "pipe"],
      env,
      // Own process group: a Ctrl-C on the terminal reaches kubegate only, which then tears
      // the sandbox down in order instead of having it killed under its feet.
      detached: true,
    });
    // Killed with the process if kubegate exits without disposing it (a second Ctrl-C).
    const releaseGroup = this.child.pid !== undefined ? guardProcessGroup(this.child.pid) : () => true;
    this.mux = new StreamMux((frame) => this.write(frame));
    this.child.stdin.on("error", () => undefined); // EPIPE after the supervisor died: exit handling reports it
    this.child.stdout.on("data", (chunk: Buffer) => this.onData(chunk));
    this.child.stderr.setEncoding("utf8");
    const stderrLines = { partial: "" };
    this.child.stderr.on("data", (text: string) => {
      const parts = (stderrLines.partial + text).split("\n");
      stderrLines.partial = parts.pop() ?? "";
      for (const line of parts) {
        this.stderr.push(line);
        this.options.logger.debug(`[sandbox ${this.runId}] ${line}`);
      }
    });
    this.childExit = new Promise((resolve) => {
      this.child.once("error", (err) => {
        this.stderr.push(`cannot start unshare: ${err.message}`);
        resolve({ code: null, signal: null });
      });
      this.child.once("close", (code, signal) => resolve({ code, signal }));
    });
    void this.childExit.then((exit) => {
      releaseGroup();
      this.onSupervisorGone(exit);
    });
  }

  get pid(): number {
    return this.supervisorPid;
  }

  get standinInterface(): string {
    return this.hello?.interface ?? "";
  }

  async start(signal?: AbortSignal): Promise<void> {
    const hello = new Promise<Hello>((resolve, reject) => {
      this.helloWaiter = { resolve, reject };
    });
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    try {
      this.hello = await Promise.race([
        hello,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`sandbox supervisor did not start within ${HELLO_TIMEOUT_MS / 1000}s${this.stderrTail()}`)), HELLO_TIMEOUT_MS);
          onAbort = () => reject(signal?.reason instanceof Error ? signal.reason : new Error("aborted"));
          signal?.addEventListener("abort", onAbort, { once: true });
        }),
      ]);
    } finally {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener("abort", onAbort);
    }
    this.supervisorPid = await findSupervisorPid(this.child.pid ?? -1);
    this.options.logger.debug(`sandbox ${this.runId}: supervisor pid ${this.supervisorPid} (${this.mode} mode, stand-in link ${this.hello.interface}/${this.hello.linkKind})`);
  }

  async addAddress(ip: string): Promise<void> {
    await this.request({ op: "addAddress", ip });
  }

  async addAddresses(ips: readonly string[]): Promise<void> {
    await this.request({ op: "addAddresses", ips: [...ips] });
  }

  async spawn(spec: SandboxProcessSpec): Promise<SandboxProcess> {
    const handle = this.nextHandle++;
    const ring = new LineRing(this.options.logLines ?? 200);
    let settle!: (exit: SandboxExit) => void;
    const exited = new Promise<SandboxExit>((resolve) => (settle = resolve));
    const state: ProcessState = { spec, ring, settle, exited: false };
    // Registered before the request goes out: output frames may follow the reply immediately.
    this.processes.set(handle, state);
    let result: SpawnResult;
    try {
      result = (await this.request({
        op: "spawn",
        handle,
        name: spec.name,
        command: spec.command,
        args: spec.args,
        env: spec.env ?? {},
        ...(spec.cwd !== undefined ? { cwd: spec.cwd } : {}),
      })) as SpawnResult;
    } catch (err) {
      this.processes.delete(handle);
      throw new Error(`cannot start ${spec.name} (${spec.command}) in the sandbox: ${(err as Error).message}`, { cause: err });
    }
    this.options.logger.debug(`sandbox ${this.runId}: started ${spec.name} (pid ${result.pid} inside)`);
    return {
      name: spec.name,
      pid: result.pid,
      exited,
      logs: (lines?: number) => ring.text(lines),
      kill: async (sig: NodeJS.Signals = "SIGTERM") => {
        if (state.exited || this.disposing) return;
        await this.request({ op: "kill", handle, signal: sig });
      },
    };
  }

  async forward(port: number, host = "127.0.0.1"): Promise<{ port: number; close(): Promise<void> }> {
    if (this.disposing) throw new Error("sandbox is disposed");
    const entry = { server: createServer({ allowHalfOpen: true, pauseOnConnect: true }), sockets: new Set<Socket>() };
    entry.server.on("connection", (socket: Socket) => {
      if (this.disposing) {
        socket.destroy();
        return;
      }
      socket.setNoDelay(true);
      entry.sockets.add(socket);
      socket.once("close", () => entry.sockets.delete(socket));
      const id = this.nextStream++;
      // Paused until the supervisor has connected inside: nothing is read that could not be delivered.
      this.mux.attach(id, socket, { started: false });
      this.write(encodeJsonFrame(FrameType.open, id, { host, port }));
    });
    await new Promise<void>((resolve, reject) => {
      entry.server.once("error", reject);
      // Host loopback only: the forward is for kubegate and the user's tools on this machine.
      entry.server.listen(0, "127.0.0.1", () => resolve());
    });
    this.servers.add(entry);
    const address = entry.server.address();
    const localPort = typeof address === "object" && address ? address.port : 0;
    this.options.logger.debug(`sandbox ${this.runId}: forwarding 127.0.0.1:${localPort} -> ${host}:${port} inside`);
    let closed: Promise<void> | undefined;
    return {
      port: localPort,
      close: () => (closed ??= this.closeServer(entry)),
    };
  }

  async expose(target: { host: string; port: number }, inside: { host?: string; port: number }): Promise<{ close(): Promise<void> }> {
    if (this.disposing) throw new Error("sandbox is disposed");
    const listener = this.nextListener++;
    const entry = { ...target, sockets: new Set<Socket>() };
    this.exposed.set(listener, entry);
    const host = inside.host ?? "127.0.0.1";
    try {
      await this.request({ op: "listen", listener, host, port: inside.port });
    } catch (err) {
      this.exposed.delete(listener);
      throw new Error(`cannot listen on ${host}:${inside.port} inside the sandbox: ${(err as Error).message}`);
    }
    this.options.logger.debug(`sandbox ${this.runId}: ${host}:${inside.port} inside -> ${target.host}:${target.port}`);
    let closed: Promise<void> | undefined;
    return {
      close: () =>
        (closed ??= (async () => {
          this.exposed.delete(listener);
          for (const socket of entry.sockets) socket.destroy();
          if (!this.disposing && this.child.exitCode === null) await this.request({ op: "unlisten", listener }).catch(() => undefined);
        })()),
    };
  }

  async mapHosts(entries: Array<{ ip: string; names: string[] }>): Promise<void> {
    await this.request({ op: "hosts", entries });
  }

  /** A connection arrived on an expose() listener inside: connect to its target and let it flow. */
  private onAccept(id: number, accepted: Accepted): void {
    const entry = this.exposed.get(accepted.listener);
    if (!entry || this.disposing) {
      this.write(encodeFrame(FrameType.close, id, "no such listener"));
      return;
    }
    const socket = connect({ host: entry.host, port: entry.port, allowHalfOpen: true });
    socket.setNoDelay(true);
    entry.sockets.add(socket);
    socket.once("close", () => entry.sockets.delete(socket));
    // A failed connect closes the stream with the error: the client inside sees a reset.
    this.mux.attach(id, socket);
    socket.once("connect", () => this.write(encodeFrame(FrameType.opened, id)));
  }

  /** Ends the supervisor (closing its stdin is the shutdown signal) and waits until it is gone. */
  dispose(): Promise<void> {
    this.disposing ??= (async () => {
      await Promise.all([...this.servers].map((entry) => this.closeServer(entry)));
      for (const entry of this.exposed.values()) for (const socket of entry.sockets) socket.destroy();
      this.exposed.clear();
      this.mux.destroyAll();
      this.child.stdin.end();
      const gone = await Promise.race([this.childExit.then(() => true), delay(DISPOSE_GRACE_MS).then(() => false)]);
      if (!gone && this.child.pid !== undefined) {
        this.options.logger.warn(`sandbox ${this.runId}: supervisor did not exit in ${DISPOSE_GRACE_MS / 1000}s, killing it`);
        // unshare and the supervisor share a process group; --kill-child would also do it.
        try {
          process.kill(-this.child.pid, "SIGKILL");
        } catch {
          // gone meanwhile
        }
        await this.childExit;
      }
    })();
    return this.disposing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }

  private async closeServer(entry: { server: Server; sockets: Set<Socket> }): Promise<void> {
    this.servers.delete(entry);
    for (const socket of entry.sockets) socket.destroy();
    await new Promise<void>((resolve) => entry.server.close(() => resolve()));
  }

  private write(frame: Buffer): void {
    if (!this.child.stdin.destroyed && this.child.stdin.writable) this.child.stdin.write(frame);
  }

  private request(req: Request): Promise<unknown> {
    if (this.disposing) return Promise.reject(new Error("sandbox is disposed"));
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.reject(new Error(`sandbox supervisor is gone${this.stderrTail()}`));
    const id = this.nextRequest++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.write(encodeJsonFrame(FrameType.request, id, req));
    });
  }

  private onData(chunk: Buffer): void {
    let frames: Frame[];
    try {
      frames = this.decoder.push(chunk);
    } catch (err) {
      this.options.logger.warn(`sandbox ${this.runId}: corrupt supervisor output (${(err as Error).message}); tearing down`);
      void this.dispose();
      return;
    }
    for (const frame of frames) this.onFrame(frame);
  }

  private onFrame(frame: Frame): void {
    if (this.mux.handle(frame)) return;
    switch (frame.type) {
      case FrameType.hello:
        this.helloWaiter?.resolve(decodeJson<Hello>(frame));
        return;
      case FrameType.reply: {
        const waiter = this.pending.get(frame.id);
        this.pending.delete(frame.id);
        const reply = decodeJson<Reply>(frame);
        if (reply.ok) waiter?.resolve(reply.result);
        else waiter?.reject(new Error(reply.error));
        return;
      }
      case FrameType.output: {
        const state = this.processes.get(frame.id);
        if (!state) return;
        const line = frame.payload.toString("utf8");
        state.ring.push(line);
        state.spec.onLine?.(line);
        return;
      }
      case FrameType.exit: {
        const state = this.processes.get(frame.id);
        if (!state) return;
        this.processes.delete(frame.id);
        state.exited = true;
        const exit = decodeJson<ExitEvent>(frame);
        this.options.logger.debug(`sandbox ${this.runId}: ${state.spec.name} exited (code ${exit.code}, signal ${exit.signal})`);
        state.settle(exit);
        return;
      }
      case FrameType.opened:
        this.mux.start(frame.id);
        return;
      case FrameType.accept:
        this.onAccept(frame.id, decodeJson<Accepted>(frame));
        return;
      default:
        this.options.logger.warn(`sandbox ${this.runId}: unexpected frame type ${frame.type}`);
    }
  }

  /** The supervisor is gone: with it every process inside; settle everything that waits. */
  private onSupervisorGone(exit: SandboxExit): void {
    const expected = this.disposing !== undefined;
    const fate = supervisorFate(exit, this.stderr.text().split("\n").filter(Boolean));
    const lastLines = fate.lines.slice(-10).join("\n");
    const why = `sandbox supervisor died (${fate.how})${lastLines ? `:\n${lastLines}` : ""}`;
    if (!expected) this.options.logger.warn(`sandbox ${this.runId}: ${why}`);
    this.helloWaiter?.reject(new Error(why));
    for (const waiter of this.pending.values()) waiter.reject(new Error(why));
    this.pending.clear();
    for (const state of this.processes.values()) {
      state.exited = true;
      state.ring.push(`[kubegate] killed: ${expected ? "sandbox disposed" : why}`);
      state.settle({ code: null, signal: "SIGKILL", ...(expected ? {} : { supervisorDied: { how: fate.how, lastLines } }) });
    }
    this.processes.clear();
    this.mux.destroyAll();
    for (const entry of this.servers) void this.closeServer(entry);
  }

  private stderrTail(): string {
    const text = supervisorFate({ code: null, signal: null }, this.stderr.text(10).split("\n")).lines.join("\n").trim();
    return text ? `:\n${text}` : "";
  }
}

/** The supervisor's pid in kubegate's PID namespace: the only child of the `unshare` process. */
async function findSupervisorPid(unsharePid: number): Promise<number> {
  try {
    const children = (await readFile(`/proc/${unsharePid}/task/${unsharePid}/children`, "utf8")).trim().split(/\s+/).filter(Boolean);
    const pid = Number(children[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : -1;
  } catch {
    return -1;
  }
}

/** Identity of the sandbox's network namespace ("net:[4026532...]"), for leak checks. */
export async function networkNamespaceOf(pid: number): Promise<string | undefined> {
  try {
    return await readlink(`/proc/${pid}/ns/net`);
  } catch {
    return undefined;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
