import { describe, expect, it } from "vitest";
import { describeDeath, supervisorFate } from "./supervisor-fate.js";

describe("supervisor fate", () => {
  it("reads unshare's failed SIGKILL re-raise as the supervisor killed by SIGKILL, and drops that line", () => {
    const fate = supervisorFate({ code: 1, signal: null }, ["supervisor: listening", "unshare: sigprocmask unblock failed: Invalid argument"]);
    expect(fate).toEqual({ how: "killed by SIGKILL", lines: ["supervisor: listening"] });
  });

  it("passes other signals and exit codes on", () => {
    expect(supervisorFate({ code: null, signal: "SIGTERM" }, []).how).toBe("killed by SIGTERM");
    expect(supervisorFate({ code: 2, signal: null }, ["boom"])).toEqual({ how: "exit code 2", lines: ["boom"] });
  });

  it("names the supervisor, not the process it took along", () => {
    const exit = { code: null, signal: "SIGKILL", supervisorDied: { how: "killed by SIGKILL", lastLines: "" } };
    expect(describeDeath("the stand-in echo server", exit, "listening on 198.18.0.2:80")).toBe(
      "the sandbox supervisor died (killed by SIGKILL), taking the stand-in echo server and every other process of the run with it",
    );
    expect(describeDeath("etcd", { code: 2, signal: null }, "panic")).toBe("etcd died during the run (exit code 2); its last log lines:\npanic");
  });
});
