/**
 * Labels kubegate puts on every container it starts, next to testcontainers' own
 * `org.testcontainers*` ones: `cleanup(runId?)` finds a run's leftovers by them through the
 * Docker API, and decides from the owner labels whether a run is still alive.
 */
import { hostname } from "node:os";

export const LABEL_RUN_ID = "dev.kubegate.run-id";
export const LABEL_PROVIDER = "dev.kubegate.provider";
/** pid of the kubegate process that started the container... */
export const LABEL_OWNER_PID = "dev.kubegate.owner-pid";
/** ...on this host: a pid means nothing on another machine sharing the engine. */
export const LABEL_OWNER_HOST = "dev.kubegate.owner-host";

export function runLabels(runId: string, provider: string, pid = process.pid, host = hostname()): Record<string, string> {
  return { [LABEL_RUN_ID]: runId, [LABEL_PROVIDER]: provider, [LABEL_OWNER_PID]: String(pid), [LABEL_OWNER_HOST]: host };
}
