/**
 * What a provider asks Docker for, as plain data: a pure function builds it (and unit tests check
 * it), a small builder applies it to a testcontainers GenericContainer. testcontainers' public
 * API covers most fields; the few it lacks (host IP of published ports, cgroup namespace,
 * anonymous volumes, user namespace) are set on the create options it sends, in one place.
 */
import type { GenericContainer } from "testcontainers";

export interface BindMount {
  source: string;
  target: string;
  mode: "ro" | "rw";
}

export interface NodeContainerSpec {
  /** Pinned: `repo:tag@sha256:...` where the digest is known. */
  image: string;
  /** Container name; also how a human finds it in `docker ps`. */
  name: string;
  hostname?: string;
  labels: Record<string, string>;
  env: Record<string, string>;
  privileged: boolean;
  securityOpt: string[];
  tmpfs: Record<string, string>;
  /** Paths that get a fresh anonymous volume (removed with the container). */
  anonymousVolumes: string[];
  binds: BindMount[];
  cgroupns?: "private" | "host";
  /** Container ports published at a random port on 127.0.0.1 only: nothing listens on other interfaces. */
  ports: number[];
  /** Overrides the image's CMD (the ENTRYPOINT stays). */
  command?: string[];
}

export const LOOPBACK = "127.0.0.1";

/** The parts of Docker's create options this module writes (structurally dockerode's types). */
export interface CreateOptionsPart {
  Volumes?: Record<string, object>;
}
export interface HostConfigPart {
  PortBindings?: Record<string, Array<{ HostIp?: string; HostPort?: string }>>;
  CgroupnsMode?: string;
  UsernsMode?: string;
}

/** Every published port on loopback only, random host port; replaces what withExposedPorts set. */
export function loopbackPortBindings(ports: readonly number[]): Record<string, Array<{ HostIp: string; HostPort: string }>> {
  return Object.fromEntries(ports.map((port) => [`${port}/tcp`, [{ HostIp: LOOPBACK, HostPort: "0" }]]));
}

/** The fields testcontainers has a public method for. */
export function applyNodeContainerSpec<C extends GenericContainer>(container: C, spec: NodeContainerSpec): C {
  container.withName(spec.name).withLabels(spec.labels).withEnvironment(spec.env).withExposedPorts(...spec.ports);
  if (spec.hostname) container.withHostname(spec.hostname);
  if (spec.privileged) container.withPrivilegedMode();
  if (spec.securityOpt.length > 0) container.withSecurityOpt(...spec.securityOpt);
  if (Object.keys(spec.tmpfs).length > 0) container.withTmpFs(spec.tmpfs);
  if (spec.binds.length > 0) container.withBindMounts(spec.binds);
  if (spec.command) container.withCommand(spec.command);
  return container;
}

/**
 * The fields testcontainers has no method for, written into the options it will send. Call after
 * applyNodeContainerSpec (it replaces the port bindings withExposedPorts made on all interfaces).
 */
export function finishCreateOptions(createOpts: CreateOptionsPart, hostConfig: HostConfigPart, spec: NodeContainerSpec): void {
  const exposed = Object.keys(hostConfig.PortBindings ?? {}).map((key) => Number(key.split("/")[0]));
  hostConfig.PortBindings = loopbackPortBindings([...new Set([...exposed, ...spec.ports])]);
  if (spec.cgroupns) hostConfig.CgroupnsMode = spec.cgroupns;
  if (spec.anonymousVolumes.length > 0) {
    createOpts.Volumes = { ...createOpts.Volumes, ...Object.fromEntries(spec.anonymousVolumes.map((path) => [path, {}])) };
  }
}

/**
 * What start() would send to Docker's create endpoint (before testcontainers adds its session
 * labels). For tests: the request is the contract with the engine, not the builder calls.
 */
export function requestedCreateOptions(container: GenericContainer): Record<string, unknown> & { HostConfig: Record<string, unknown> } {
  const internals = container as unknown as { createOpts: Record<string, unknown>; hostConfig: Record<string, unknown> };
  return structuredClone({ ...internals.createOpts, HostConfig: internals.hostConfig });
}
