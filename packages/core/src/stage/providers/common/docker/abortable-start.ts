/**
 * testcontainers' start() takes no AbortSignal and cannot be cancelled (pull, create, start, wait
 * are one call). Ctrl-C during start-up must still tear everything down before create() rejects:
 * on abort, the run's containers are removed (which also makes a pending wait fail fast), the
 * start is given a bounded time to settle, and whatever it produced is stopped (also if it
 * produces it after that time).
 */
export interface AbortableStartOptions<T> {
  signal?: AbortSignal;
  /** Removes whatever the start may have created (by run-id label). */
  abandon(): Promise<unknown>;
  /** Stops what a start that finished after the abort returned. */
  dispose(value: T): Promise<unknown>;
  /** How long to wait for an abandoned start to settle (default 30 s). */
  settleMs?: number;
}

export async function abortableStart<T>(start: () => Promise<T>, options: AbortableStartOptions<T>): Promise<T> {
  const { signal } = options;
  signal?.throwIfAborted();
  const started = start();
  if (!signal) return started;
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<"aborted">((resolve) => {
    onAbort = () => resolve("aborted");
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    const first = await Promise.race([started, aborted]);
    if (first !== "aborted") return first as T;
  } finally {
    if (onAbort) signal.removeEventListener("abort", onAbort);
  }
  await options.abandon().catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const settled = await Promise.race([
    started.then(
      (value) => ({ value }),
      () => undefined,
    ),
    new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), options.settleMs ?? 30_000);
      timer.unref();
    }),
  ]);
  clearTimeout(timer);
  if (settled) await options.dispose(settled.value).catch(() => undefined);
  // Still pulling the image, say: whatever it starts later is stopped then (and testcontainers'
  // reaper removes it when this process exits, whichever comes first).
  else void started.then((value) => options.dispose(value)).catch(() => undefined);
  await options.abandon().catch(() => undefined);
  throw signal.reason instanceof Error ? signal.reason : new Error("aborted");
}
