/**
 * SIGINT, SIGTERM and a double SIGINT at each phase boundary of a staged gate, on the real CLI
 * process (the built dist/cli/main.js). KUBEGATE_TEST_PAUSE_AT holds the run at the boundary
 * (cli/test-pause.ts), so each signal lands at an exact point instead of racing progress lines.
 * The contract: before the decision is printed, exit 3 "stopped before a decision"; after it,
 * the decision's exit code; a forced exit names the run and its cleanup command and leaves no
 * key; and nothing is left that `kubegate cleanup --run-id` does not remove.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, readdir, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { findRunProcesses } from "../stage/sandbox/find-run-processes.js";
import { ensureTool } from "../stage/tools/build-tool.js";
import { sleep } from "../util/sleep.js";
import { environmentSkip } from "../testing/environment-skip.js";

const cli = resolve(import.meta.dirname, "../../dist/cli/main.js");
const example = resolve(import.meta.dirname, "../../../../examples/benign/new-host");

beforeAll(async () => {
  for (const tool of ["etcd", "kube-apiserver", "traefik-v3"] as const) await ensureTool(tool);
}, 60 * 60_000);

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  runId: string;
  /** Mode bits of the run folder, seen at the first pause after it existed. */
  runDirMode?: number;
}

/** When stderr (after the previous step's trigger) matches `on`, send `signal`. */
type Step = { on: RegExp; signal: NodeJS.Signals };

const pausedAt = (phase: string): RegExp => new RegExp(`kubegate: test pause at ${phase} `);

function runGate(head: string, pauseAt: readonly string[], steps: readonly Step[]): Promise<Finished> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, "gate", "--base", join(example, "base"), "--head", head, "--stage", "local"], {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NO_COLOR: "1", KUBEGATE_TEST_PAUSE_AT: pauseAt.join(",") },
    });
    const out: Finished = { code: null, stdout: "", stderr: "", runId: "" };
    let next = 0;
    let seen = 0;
    const guard = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`no exit within 240 s; stderr:\n${out.stderr}`));
    }, 240_000);
    child.stdout.setEncoding("utf8").on("data", (text: string) => (out.stdout += text));
    child.stderr.setEncoding("utf8").on("data", async (text: string) => {
      out.stderr += text;
      out.runId ||= /staging run (r\d{8}-\d{6}-[0-9a-f]{6})/.exec(out.stderr)?.[1] ?? "";
      const step = steps[next];
      if (!step || !step.on.test(out.stderr.slice(seen))) return;
      next++;
      seen = out.stderr.length;
      if (out.runId && out.runDirMode === undefined) out.runDirMode = await stat(runDir(out.runId)).then((s) => s.mode & 0o777, () => undefined);
      child.kill(step.signal);
    });
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(guard);
      out.code = code;
      resolvePromise(out);
    });
  });
}

function runCleanup(runId: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [cli, "cleanup", "--run-id", runId], { stdio: ["ignore", "pipe", "ignore"] });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (t: string) => (stdout += t));
    child.once("error", reject);
    child.once("close", (code) => resolvePromise({ code, stdout }));
  });
}

const runDir = (runId: string): string => join(tmpdir(), `kubegate-${runId}`);

/** Leftovers of a run: its processes (polled for a moment: SIGKILLed ones take a beat to go) and temp entries. */
async function leftovers(runId: string): Promise<{ processes: number; tempEntries: string[] }> {
  let processes = (await findRunProcesses(runId)).length;
  for (let i = 0; i < 50 && processes > 0; i++) {
    await sleep(100);
    processes = (await findRunProcesses(runId)).length;
  }
  return { processes, tempEntries: (await readdir(tmpdir())).filter((e) => e.includes(runId)) };
}

/** Asserts the forced exit left no key: at most the run folder with its marker, which cleanup removes. */
async function expectOnlyMarkerThenCleanup(runId: string): Promise<void> {
  const left = await leftovers(runId);
  expect(left.processes).toBe(0);
  expect(left.tempEntries).toEqual([`kubegate-${runId}`]);
  expect(await readdir(runDir(runId))).toEqual(["kubegate-run.json"]);
  const cleanup = await runCleanup(runId);
  expect(cleanup.code).toBe(0);
  expect(cleanup.stdout).toContain(`removed ${runDir(runId)}`);
  expect(await leftovers(runId)).toEqual({ processes: 0, tempEntries: [] });
}

// Skipped only when the CLI is not built (a bare `vitest run` in this package); `npm test` builds it
// first, and with $KUBEGATE_NO_SKIP (CI) a missing build fails instead.
const notBuiltReason = environmentSkip(existsSync(cli) ? undefined : `${cli} is not built; run npm run build`);
const notBuilt = notBuiltReason ? ` [skipped: ${notBuiltReason}]` : "";

const BEFORE_DECISION = ["start-ingress-controller-base", "apply-head", "probe-head", "restart-ingress-controller"] as const;

describe.skipIf(notBuilt !== "")(`interrupting kubegate gate --stage local${notBuilt}`, () => {
  const head = join(example, "head");

  describe.each(["SIGINT", "SIGTERM"] as const)("%s once", (signal) => {
    it.each(BEFORE_DECISION)(`at %s: tears everything down, exits 3 "stopped before a decision", prints no report`, async (phase) => {
      const r = await runGate(head, [phase], [{ on: pausedAt(phase), signal }]);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain(`kubegate: ${signal}, cleaning up (again to force)`);
      expect(r.stderr).toContain(`kubegate: interrupted by ${signal}: stopped before a decision, everything the run started is torn down (failing closed)`);
      expect(r.stderr).not.toContain("internal error");
      expect(r.stdout).toBe("");
      expect(r.runDirMode).toBe(0o700);
      expect(await leftovers(r.runId)).toEqual({ processes: 0, tempEntries: [] });
    }, 300_000);

    it.each(["after-decision", "teardown"])("at %s: the decision stands (exit 0, its report printed) and teardown finishes", async (phase) => {
      const r = await runGate(head, [phase], [{ on: pausedAt(phase), signal }]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain(`kubegate: ${signal} after the decision: finishing teardown, the exit code stays 0 (again to force)`);
      expect(r.stderr).toContain("kubegate: pass (");
      expect(r.stderr).not.toContain("stopped before a decision");
      expect(r.stdout).toContain("Decision: PASS");
      expect(await leftovers(r.runId)).toEqual({ processes: 0, tempEntries: [] });
    }, 300_000);

    it("while the CLI loads (handlers come first): exits 3, never starts a cluster", async () => {
      const r = await runGate(head, ["load"], [{ on: pausedAt("load"), signal }]);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain(`kubegate: interrupted by ${signal}: stopped before a decision`);
      expect(r.stderr).not.toContain("staging run");
      expect(r.stdout).toBe("");
    }, 300_000);
  });

  describe("SIGINT twice (forced exit)", () => {
    /** SIGINT at `phase`, then again once teardown has stopped the controller and stand-ins. */
    const twice = (phase: string): Promise<Finished> =>
      runGate(head, [phase, "stop-cluster"], [
        { on: pausedAt(phase), signal: "SIGINT" },
        { on: pausedAt("stop-cluster"), signal: "SIGINT" },
      ]);

    it.each(BEFORE_DECISION)("at %s, again during teardown: exits 3 naming the run and its cleanup command; no key is left", async (phase) => {
      const r = await twice(phase);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toContain("kubegate: SIGINT again: forced exit before teardown finished; stopped before a decision (failing closed, exit 3)");
      expect(r.stderr).toContain(`\n  kubegate cleanup --run-id ${r.runId}\n`);
      expect(r.stdout).toBe("");
      await expectOnlyMarkerThenCleanup(r.runId);
    }, 300_000);

    it.each(["after-decision", "teardown"])("at %s, again during teardown: keeps the decision's exit 0 and names the cleanup command", async (phase) => {
      const r = await twice(phase);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain("kubegate: SIGINT again: forced exit before teardown finished; the decision stands (exit 0)");
      expect(r.stderr).toContain(`\n  kubegate cleanup --run-id ${r.runId}\n`);
      await expectOnlyMarkerThenCleanup(r.runId);
    }, 300_000);

    it("while the CLI loads: exits 3 with no run to clean up", async () => {
      const r = await runGate(head, ["load"], [
        { on: pausedAt("load"), signal: "SIGINT" },
        { on: /cleaning up/, signal: "SIGINT" },
      ]);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(/stopped before a decision/);
      expect(r.stderr).not.toContain("cleanup --run-id");
    }, 300_000);
  });

  it("a blocked change interrupted after its decision exits 1, not 3", async () => {
    const blocked = await mkdtemp(join(tmpdir(), "kubegate-interrupt-head-"));
    await cp(head, blocked, { recursive: true });
    // Installing a CRD is a blocking finding of the static check (rule crd-install).
    await writeFile(
      join(blocked, "crd.yaml"),
      "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: things.example.com}\nspec:\n  group: example.com\n  scope: Namespaced\n  names: {kind: Thing, plural: things}\n  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}]\n",
    );
    const r = await runGate(blocked, ["after-decision"], [{ on: pausedAt("after-decision"), signal: "SIGTERM" }]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain("kubegate: SIGTERM after the decision: finishing teardown, the exit code stays 1");
    expect(await leftovers(r.runId)).toEqual({ processes: 0, tempEntries: [] });
  }, 300_000);
});

describe("interrupting kubegate check during its synchronous work", () => {
  // The check of 40,000 objects holds the event loop for seconds: a signal is only read when the
  // loop turns. It must still stop the run before the decision (exit 3, no report), not be lost.
  it.each(["SIGINT", "SIGTERM"] as const)("%s mid-check stops before the decision: exit 3, nothing on stdout", async (signal) => {
    const dir = await mkdtemp(join(tmpdir(), "kubegate-sync-interrupt-"));
    const configMaps = (value: string): string => Array.from({ length: 40_000 }, (_, i) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}, namespace: shop}\ndata: {v: "${value}"}\n`).join("---\n");
    await writeFile(join(dir, "base.yaml"), configMaps("a"));
    await writeFile(join(dir, "head.yaml"), configMaps("b"));
    const child = spawn(process.execPath, [cli, "check", "--base", join(dir, "base.yaml"), "--head", join(dir, "head.yaml"), "--format", "json"], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const code = await new Promise<number | null>((done) => {
      setTimeout(() => child.kill(signal), 1500);
      child.on("close", (c) => done(c));
    });
    expect({ code, stdout }, stderr).toEqual({ code: 3, stdout: "" });
    expect(stderr).toContain(`interrupted by ${signal}: stopped before a decision`);
  }, 120_000);
});
