/**
 * JSON payloads of the supervisor's control frames (frame-codec.ts carries them).
 * Part of the supervisor's closure: types and constants only, node builtins only.
 */

/** Name of the interface that holds stand-in addresses inside the sandbox. */
export const STANDIN_INTERFACE = "kg0";

/** Marks a supervisor's command line so leftovers can be found by run id in /proc/<pid>/cmdline. */
export const RUN_ID_ARG = "--kubegate-run-id=";

/** Set for the supervisor and every process inside, so `environ` also names the run. */
export const RUN_ID_ENV = "KUBEGATE_RUN_ID";

export type Request =
  | { op: "ping" }
  | {
      op: "spawn";
      /** Chosen by the host, so output frames can never arrive before the host knows the handle. */
      handle: number;
      name: string;
      command: string;
      args: string[];
      env: Record<string, string>;
      cwd?: string;
    }
  | { op: "kill"; handle: number; signal: string }
  | { op: "addAddress"; ip: string }
  | { op: "addAddresses"; ips: string[] }
  /** Listen inside on host:port; connections are announced with `accept` frames naming `listener`. */
  | { op: "listen"; listener: number; host: string; port: number }
  | { op: "unlisten"; listener: number }
  /** Replace the sandbox's /etc/hosts (bind mount in its own mount namespace) with these entries plus localhost. */
  | { op: "hosts"; entries: HostsEntry[] };

export interface HostsEntry {
  ip: string;
  names: string[];
}

/** Stream ids the supervisor allocates (for accepted connections) start here; the host's stay below. */
export const INSIDE_STREAM_BASE = 0x80000000;

export interface Accepted {
  listener: number;
}

export type Reply = { ok: true; result?: unknown } | { ok: false; error: string };

/**
 * Which kind of link holds the stand-in addresses: a dummy interface when the kernel has the
 * dummy driver, else an empty bridge (same effect: local addresses, no traffic leaves), else lo.
 */
export type StandinLinkKind = "dummy" | "bridge" | "lo";

export interface Hello {
  interface: string;
  linkKind: StandinLinkKind;
}

export interface SpawnResult {
  /** pid inside the sandbox's PID namespace. */
  pid: number;
}

export interface ExitEvent {
  code: number | null;
  signal: string | null;
}

export interface OpenStream {
  host: string;
  port: number;
}
