/**
 * Ctrl-C and SIGTERM in the middle of a staged gate, on the real CLI process (the built
 * dist/cli/main.js, which `npm test` builds first): kubegate tears down what it started and
 * exits, leaving no process, sandbox or temp dir of the run.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { findRunProcesses } from "../stage/sandbox/find-run-processes.js";
import { ensureTool } from "../stage/tools/build-tool.js";
import { environmentSkip } from "../testing/environment-skip.js";

const cli = resolve(import.meta.dirname, "../../dist/cli/main.js");
const example = resolve(import.meta.dirname, "../../../../examples/benign/new-host");

beforeAll(async () => {
  for (const tool of ["etcd", "kube-apiserver", "traefik-v3"] as const) await ensureTool(tool);
}, 60 * 60_000);

interface Interrupted {
  code: number | null;
  stderr: string;
  runId: string;
}

/** Starts `kubegate gate --stage local`, sends `signal` once stderr shows `when`, waits for the exit. */
function interruptGate(signal: NodeJS.Signals, when: RegExp): Promise<Interrupted> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, "gate", "--base", join(example, "base"), "--head", join(example, "head"), "--stage", "local"], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    let sent = false;
    const guard = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no exit within 120 s; stderr:\n${stderr}`));
    }, 120_000);
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => {
      stderr += text;
      if (!sent && when.test(stderr)) {
        sent = true;
        child.kill(signal);
      }
    });
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(guard);
      const runId = /cluster (r\d{8}-\d{6}-[0-9a-f]{6})/.exec(stderr)?.[1] ?? "";
      resolvePromise({ code, stderr, runId });
    });
  });
}

// Skipped only when the CLI is not built (a bare `vitest run` in this package); `npm test` builds it
// first, and with $KUBEGATE_NO_SKIP (CI) a missing build fails instead.
const notBuiltReason = environmentSkip(existsSync(cli) ? undefined : `${cli} is not built; run npm run build`);
const notBuilt = notBuiltReason ? ` [skipped: ${notBuiltReason}]` : "";

describe.skipIf(notBuilt !== "")(`interrupting kubegate gate --stage local${notBuilt}`, () => {
  it.each([
    ["SIGINT", /start ingress controller \(base\)\.\.\./],
    ["SIGTERM", /apply head\.\.\./],
  ] as const)("%s mid-run: tears everything down and exits 3 (no decision, fail closed)", async (signal, when) => {
    const r = await interruptGate(signal, when);
    expect(r.runId, r.stderr).not.toBe("");
    expect(r.stderr).toContain(`kubegate: ${signal}, cleaning up`);
    // No decision was made: the fail-closed exit code, never 0 (pass) or 1 (a decision to block).
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain(`kubegate: interrupted by ${signal}: stopped before a decision, everything the run started is torn down (failing closed)`);
    expect(r.stderr).not.toContain("internal error");
    expect(await findRunProcesses(r.runId)).toEqual([]);
    expect((await readdir(tmpdir())).filter((e) => e.includes(r.runId))).toEqual([]);
  }, 150_000);
});
