import { EventEmitter } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { guardRunId } from "../util/exit-guard.js";
import { installInterruptHandlers, type Interrupts, type SignalSource } from "./interrupts.js";

// The handlers listen on an emitter here: a real signal (or process.emit) would reach the test runner's own.
describe("interrupt handlers", () => {
  let installed: Interrupts | undefined;
  const signals = new EventEmitter();
  afterEach(() => installed?.uninstall());

  function install() {
    let stderr = "";
    const exits: number[] = [];
    installed = installInterruptHandlers({ write: (s: string) => (stderr += s) }, (code) => exits.push(code), signals as unknown as SignalSource);
    return { interrupts: installed, stderr: () => stderr, exits };
  }

  it("a first signal before the decision aborts the run and says it cleans up", () => {
    const { interrupts, stderr, exits } = install();
    signals.emit("SIGTERM");
    expect(interrupts.signal.aborted).toBe(true);
    expect((interrupts.signal.reason as Error).message).toBe("interrupted by SIGTERM");
    expect(stderr()).toContain("kubegate: SIGTERM, cleaning up (again to force)");
    expect(exits).toEqual([]);
  });

  it("after the decision a first signal says the exit code stays", () => {
    const { interrupts, stderr } = install();
    interrupts.decided(1);
    signals.emit("SIGINT");
    expect(interrupts.signal.aborted).toBe(true);
    expect(stderr()).toContain("kubegate: SIGINT after the decision: finishing teardown, the exit code stays 1 (again to force)");
  });

  it("a second signal exits 3 before the decision, naming each unfinished run and its cleanup command", () => {
    const { stderr, exits } = install();
    const release = guardRunId("r20261204-120000-abcdef");
    try {
      signals.emit("SIGINT");
      signals.emit("SIGINT");
    } finally {
      release();
    }
    expect(exits).toEqual([3]);
    expect(stderr()).toContain("stopped before a decision (failing closed, exit 3)");
    expect(stderr()).toContain("  kubegate cleanup --run-id r20261204-120000-abcdef\n");
  });

  it("a second signal after the decision keeps its exit code", () => {
    const { interrupts, stderr, exits } = install();
    interrupts.decided(0);
    signals.emit("SIGINT");
    signals.emit("SIGTERM");
    expect(exits).toEqual([0]);
    expect(stderr()).toContain("the decision stands (exit 0)");
    expect(stderr()).not.toContain("cleanup --run-id");
  });
});
