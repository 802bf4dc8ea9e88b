/**
 * Is there a Docker engine kubegate can run privileged node containers on? Asked through
 * testcontainers' runtime client (the same DOCKER_HOST / ~/.testcontainers.properties / socket
 * discovery the providers then use), bounded by a timeout: isAvailable() must answer in seconds,
 * and a DOCKER_HOST pointing at a dead TCP address can otherwise hang for minutes.
 */

export interface DockerEngineInfo {
  serverVersion: string;
  /** `docker info` SecurityOptions, e.g. ["name=seccomp,profile=builtin", "name=rootless", "name=cgroupns"]. */
  securityOptions: string[];
  /** "1" or "2". */
  cgroupVersion?: string;
  operatingSystem?: string;
}

/** Injected in tests; the real one asks the engine. */
export type DockerProbe = () => Promise<DockerEngineInfo>;

/** problem: "unreachable" (no engine answered) or "rootless" (it answered, but cannot run node containers). */
export type DockerStatus = { ok: true; info: DockerEngineInfo } | { ok: false; problem: "unreachable" | "rootless"; reason: string };

export const DEFAULT_PROBE_TIMEOUT_MS = 5_000;

export const probeDockerEngine: DockerProbe = async () => {
  const client = await dockerClient();
  const info = (await client.container.dockerode.info()) as { ServerVersion?: string; SecurityOptions?: string[]; CgroupVersion?: string; OperatingSystem?: string };
  return {
    serverVersion: info.ServerVersion ?? "unknown",
    securityOptions: info.SecurityOptions ?? [],
    ...(info.CgroupVersion ? { cgroupVersion: info.CgroupVersion } : {}),
    ...(info.OperatingSystem ? { operatingSystem: info.OperatingSystem } : {}),
  };
};

/** testcontainers' client, loaded lazily: importing testcontainers costs a few hundred ms. */
export async function dockerClient(): Promise<import("testcontainers").ContainerRuntimeClient> {
  const { getContainerRuntimeClient } = await import("testcontainers");
  return getContainerRuntimeClient();
}

/** Never rejects, never takes longer than timeoutMs. */
export async function dockerStatus(probe: DockerProbe = probeDockerEngine, timeoutMs = DEFAULT_PROBE_TIMEOUT_MS): Promise<DockerStatus> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000}s`)), timeoutMs);
    timer.unref();
  });
  try {
    const info = await Promise.race([probe(), timeout]);
    const refused = privilegedContainersRefused(info);
    return refused ? { ok: false, problem: "rootless", reason: refused } : { ok: true, info };
  } catch (err) {
    return { ok: false, problem: "unreachable", reason: noEngineReason(err) };
  } finally {
    clearTimeout(timer);
  }
}

export function noEngineReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  // testcontainers' own message ("Could not find a working container runtime strategy") does not
  // say where it looked; say it, so the user knows what to fix.
  const where = process.env["DOCKER_HOST"] ? `DOCKER_HOST=${process.env["DOCKER_HOST"]}` : "DOCKER_HOST unset, no /var/run/docker.sock or rootless socket";
  return `no Docker engine reachable (${message}; ${where}): start Docker or point DOCKER_HOST at a running engine`;
}

/**
 * Node containers (kind, k3s) run systemd/containerd/kubelet and need a privileged container with
 * a cgroup tree of their own. Rootless Docker cannot give that reliably, and on cgroup v1 with a
 * rootless engine it fails outright; detected from `docker info` SecurityOptions.
 */
export function privilegedContainersRefused(info: DockerEngineInfo): string | undefined {
  if (info.securityOptions.some((opt) => opt.split(",").includes("name=rootless"))) {
    return `Docker ${info.serverVersion} runs rootless (docker info SecurityOptions: name=rootless): node containers must run privileged with their own cgroup tree; use a rootful Docker engine`;
  }
  return undefined;
}
