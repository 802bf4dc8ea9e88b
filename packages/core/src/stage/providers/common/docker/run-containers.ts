/**
 * Finding and removing a run's containers through the Docker API: what cleanup(runId?) does after
 * an interrupted run, and what create() does when start-up fails half-way (testcontainers cannot
 * cancel a start, and a container created by a start that failed may still exist).
 */
import { hostname } from "node:os";
import { dockerClient } from "./docker-engine.js";
import { LABEL_OWNER_HOST, LABEL_OWNER_PID, LABEL_PROVIDER, LABEL_RUN_ID } from "./labels.js";

export interface RunContainer {
  id: string;
  name: string;
  labels: Record<string, string>;
}

/** Containers with `label` (`key` or `key=value`), running or not. */
export async function listContainers(label: string): Promise<RunContainer[]> {
  const { dockerode } = (await dockerClient()).container;
  const found = await dockerode.listContainers({ all: true, filters: { label: [label] } });
  return found.map((c) => ({ id: c.Id, name: (c.Names[0] ?? c.Id).replace(/^\//, ""), labels: c.Labels ?? {} }));
}

/** A container whose owning kubegate process is alive on this host belongs to a running run. */
export function ownerAlive(labels: Record<string, string>, isAlive: (pid: number) => boolean = pidAlive, host = hostname()): boolean {
  const pid = Number(labels[LABEL_OWNER_PID]);
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (labels[LABEL_OWNER_HOST] !== host) return true; // cannot tell from here: leave it
  return isAlive(pid);
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Force-removes containers (and their anonymous volumes); returns "container <name>" per removal. */
export async function removeContainers(containers: readonly RunContainer[]): Promise<string[]> {
  if (containers.length === 0) return [];
  const { dockerode } = (await dockerClient()).container;
  const removed: string[] = [];
  for (const c of containers) {
    try {
      await dockerode.getContainer(c.id).remove({ force: true, v: true });
      removed.push(`container ${c.name}`);
    } catch (err) {
      // 404: gone meanwhile; 409: removal already in progress.
      const status = (err as { statusCode?: number }).statusCode;
      if (status !== 404 && status !== 409) throw err;
    }
  }
  return removed;
}

/**
 * One provider's containers: of one run, or (no run id) of every run whose owner is gone.
 * Returns what it removed.
 */
export async function removeRunContainers(provider: string, runId?: string): Promise<string[]> {
  const mine = (await listContainers(`${LABEL_PROVIDER}=${provider}`)).filter((c) =>
    runId !== undefined ? c.labels[LABEL_RUN_ID] === runId : !ownerAlive(c.labels),
  );
  return removeContainers(mine);
}
