import type { ProbeResult, ProbeTarget } from "./probe-target.js";
import { probeRoute, type ProbeOptions } from "./probe-route.js";

/** Probes every target with at most `concurrency` requests in flight; results keep input order. */
export async function probeAll(targets: ProbeTarget[], options: ProbeOptions & { concurrency?: number } = {}): Promise<ProbeResult[]> {
  const results: ProbeResult[] = new Array(targets.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < targets.length) {
      const i = next++;
      results[i] = await probeRoute(targets[i]!, options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 16, targets.length) }, worker));
  return results;
}
