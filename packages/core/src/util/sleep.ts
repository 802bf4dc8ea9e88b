/**
 * Waits `ms`. The timer is unref'd: a sleep that lost a Promise.race (a grace period, a poll
 * interval) never keeps the process alive after the work is done. An abort ends it early and
 * removes its listener, so long probe loops do not pile listeners onto one signal.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const onAbort = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    timer.unref();
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
