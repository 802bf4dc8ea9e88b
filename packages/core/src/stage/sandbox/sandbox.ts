/**
 * The local provider's test host: a fresh network + PID namespace (unshare) that holds every
 * process of a run. Its supervisor is PID 1 inside, controlled over stdio by the kubegate
 * process; if kubegate dies for any reason, stdin closes, PID 1 exits and the kernel kills
 * everything inside and frees the network namespace. Nothing can leak.
 *
 * Inside, servers listen on the namespace's loopback and on stand-in addresses of a dummy
 * interface (198.18.0.0/15, the range reserved for network testing, RFC 2544); the host only
 * reaches them through `forward()`, which listens on host loopback.
 */
export interface Sandbox extends AsyncDisposable {
  readonly runId: string;
  /** pid of the supervisor (PID 1 inside) as seen from the host: for `nsenter -t <pid> -n` and leak checks. */
  readonly pid: number;
  /**
   * Adds an address to the sandbox's stand-in interface (kg0: a dummy link, or an empty bridge
   * where the kernel lacks the dummy driver). Idempotent. Any IPv4 address is accepted (the
   * namespace has no route out, so nothing real can be shadowed); use 198.18.0.0/15.
   */
  addAddress(ip: string): Promise<void>;
  /** The same for many addresses at once (one `ip -batch` inside). */
  addAddresses(ips: readonly string[]): Promise<void>;
  /**
   * Starts a process inside the sandbox, in its own process group, with a small fixed
   * environment (PATH, HOME, TMPDIR, LANG, TZ, KUBEGATE_RUN_ID) plus `spec.env`.
   * Rejects if the command cannot be started (e.g. not found).
   */
  spawn(spec: SandboxProcessSpec): Promise<SandboxProcess>;
  /**
   * Listens on host 127.0.0.1 (random port) and forwards each connection to host:port inside
   * (default host 127.0.0.1). Half-close, resets and backpressure are carried through.
   */
  forward(port: number, host?: string): Promise<{ port: number; close(): Promise<void> }>;
  /**
   * The reverse of forward(): listens inside on `inside.host:inside.port` (default 127.0.0.1)
   * and carries each connection to `target` as reached from the host (an external cluster's
   * API server, for a controller running inside). Resolves once the listener is up.
   */
  expose(target: { host: string; port: number }, inside: { host?: string; port: number }): Promise<{ close(): Promise<void> }>;
  /** Makes these names resolve to these addresses for processes inside (the sandbox's own /etc/hosts). */
  mapHosts(entries: Array<{ ip: string; names: string[] }>): Promise<void>;
  /**
   * Kills everything inside and waits until the supervisor is gone (with it the namespaces).
   * Idempotent. Every process's `exited` settles.
   */
  dispose(): Promise<void>;
}

export interface SandboxExit {
  code: number | null;
  signal: string | null;
  /**
   * Set when the process did not die on its own: the sandbox supervisor died unexpectedly and
   * took it along: how the supervisor ended ("killed by SIGKILL") and its last stderr lines,
   * so reports name the supervisor rather than the process that died with it.
   */
  supervisorDied?: { how: string; lastLines: string };
}

export interface SandboxProcessSpec {
  /** Short name for logs: "etcd", "kube-apiserver", "traefik", "standin-shop". */
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** Called for every output line as it arrives (readiness checks, live logs). */
  onLine?: (line: string) => void;
}

export interface SandboxProcess {
  readonly name: string;
  /** pid inside the sandbox's PID namespace. */
  readonly pid: number;
  /** Resolves with the exit code/signal when the process ends (signal "SIGKILL" when the sandbox went away). */
  readonly exited: Promise<SandboxExit>;
  /** Last lines of combined stdout/stderr (up to ~200 are kept). */
  logs(lines?: number): string;
  /** Signals the process group (default SIGTERM); a no-op once exited. Does not wait for the exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}
