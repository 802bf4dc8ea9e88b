import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import type { SignalSource } from "./interrupts.js";
import { phaseId, testPauseFromEnv } from "./test-pause.js";

describe("KUBEGATE_TEST_PAUSE_AT", () => {
  it("is inert unless set", () => {
    expect(testPauseFromEnv({}, { write: () => true })).toBeUndefined();
    expect(testPauseFromEnv({ KUBEGATE_TEST_PAUSE_AT: " , " }, { write: () => true })).toBeUndefined();
  });

  it("names phases after the progress steps", () => {
    expect(phaseId("start ingress controller (base)")).toBe("start-ingress-controller-base");
    expect(phaseId("probe after restart")).toBe("probe-after-restart");
    expect(phaseId("after decision")).toBe("after-decision");
  });

  it("passes unlisted phases at once and holds a listed one until the next signal", async () => {
    let stderr = "";
    const signals = new EventEmitter();
    const pause = testPauseFromEnv({ KUBEGATE_TEST_PAUSE_AT: "apply-head,teardown" }, { write: (s: string) => (stderr += s) }, signals as unknown as SignalSource)!;
    await pause("apply base");
    expect(stderr).toBe("");
    let released = false;
    const held = pause("apply head").then(() => (released = true));
    await Promise.resolve();
    expect(released).toBe(false);
    expect(signals.listenerCount("SIGTERM")).toBe(1);
    expect(stderr).toBe("kubegate: test pause at apply-head (KUBEGATE_TEST_PAUSE_AT): waiting for SIGINT or SIGTERM\n");
    signals.emit("SIGTERM");
    await held;
    expect(released).toBe(true);
    expect(signals.listenerCount("SIGTERM") + signals.listenerCount("SIGINT")).toBe(0);
  });
});
