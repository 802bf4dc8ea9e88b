/**
 * KUBEGATE_TEST_PAUSE_AT: a test hook that holds a run at named phase boundaries, so tests can
 * interrupt the real CLI at an exact point instead of racing its progress lines. Inert unless
 * the variable is set (the CLI then builds no hook at all).
 *
 * Value: comma-separated phase ids, e.g. `apply-head,stop-cluster`. At each listed phase the
 * CLI writes `kubegate: test pause at <phase> ...` to stderr and waits for the next SIGINT or
 * SIGTERM (received after the pause began; the CLI's own handling of that signal happens as
 * always), then goes on. Phase ids are the progress step names in kebab case:
 * `load` (handlers installed, nothing else loaded), `create-cluster`, `start-stand-ins`,
 * `apply-base`, `start-ingress-controller-base`, `sync-base`, `probe-base`, `apply-head`,
 * `prune`, `sync-head`, `probe-head`, `restart-ingress-controller`, `probe-after-restart`,
 * `after-decision` (the decision is printed, teardown not begun), `teardown` (its start),
 * `stop-cluster` (controller and stand-ins stopped, the cluster not yet).
 */
import type { SignalSource } from "./interrupts.js";

export const TEST_PAUSE_ENV = "KUBEGATE_TEST_PAUSE_AT";

export type Pause = (phase: string) => Promise<void>;

/** "start ingress controller (base)" -> "start-ingress-controller-base" */
export function phaseId(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

export function testPauseFromEnv(env: NodeJS.ProcessEnv, stderr: { write(s: string): unknown }, source: SignalSource = process): Pause | undefined {
  const wanted = new Set((env[TEST_PAUSE_ENV] ?? "").split(",").map((p) => p.trim()).filter(Boolean));
  if (wanted.size === 0) return undefined;
  return async (phase) => {
    const id = phaseId(phase);
    if (!wanted.has(id)) return;
    stderr.write(`kubegate: test pause at ${id} (${TEST_PAUSE_ENV}): waiting for SIGINT or SIGTERM\n`);
    await nextSignal(source);
  };
}

function nextSignal(source: SignalSource): Promise<void> {
  return new Promise((resolve) => {
    // Signal listeners do not keep node running: without this a pause with nothing else
    // pending (at `load`) would end the process.
    const keepAlive = setInterval(() => undefined, 60_000);
    const done = (): void => {
      clearInterval(keepAlive);
      source.off("SIGINT", done);
      source.off("SIGTERM", done);
      resolve();
    };
    source.on("SIGINT", done);
    source.on("SIGTERM", done);
  });
}
