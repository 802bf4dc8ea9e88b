/** Ending a staged run at once when a component dies, and keeping the components' last log lines. */
import { StagingError } from "../stage/cluster/cluster-provider.js";
import type { StartedController } from "../stage/controllers/index.js";
import type { StartedStandins } from "../stage/standins/start-standins.js";

/** A dying component ends the run at once instead of letting a step wait for its timeout. */
export class FailureWatch {
  private readonly failures: Array<Promise<StagingError>>;
  constructor(initial: Array<Promise<StagingError>>) {
    this.failures = [...initial];
  }
  add(p: Promise<StagingError>): void {
    this.failures.push(p);
  }
  async race<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, ...this.failures.map((f) => f.then((e) => Promise.reject(e)))]);
  }
}

export function withLogs(error: unknown, controller: StartedController | undefined, standins: StartedStandins | undefined): unknown {
  if (!(error instanceof StagingError)) return error;
  const logs = { ...error.logs };
  if (controller && !logs["controller"]) logs["controller"] = controller.logs(30);
  if (standins && !logs["stand-ins"]) logs["stand-ins"] = standins.logs(10);
  return new StagingError(error.message, logs, { cause: error.cause });
}

