import { existsSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { check } from "../check/check.js";
import { runCli } from "../cli/run-cli.js";
import { ensureTools } from "../stage/tools/build-tool.js";
import { INPUT_KINDS } from "./testing/input-kinds.js";

// The same table runs through the Action in packages/github-action/src/input-kinds.integration.test.ts.
describe.each(INPUT_KINDS)("input kind: $name", (kind) => {
  beforeAll(async () => {
    await ensureTools(kind.tools);
  }, 60 * 60_000);

  it("library check() reads it", async () => {
    const setup = await kind.setup();
    const result = await check(setup.request, { cwd: setup.cwd, ...setup.options });
    expect(result.decision).toBe(kind.expect.decision);
    expect(result.changes).toHaveLength(kind.expect.changes);
    expect(result.sources?.summary).toMatch(kind.expect.summary);
    if (setup.canary) expect(existsSync(setup.canary)).toBe(false);
  });

  it("kubegate check reads it the same way", async () => {
    const setup = await kind.setup();
    let stdout = "";
    let stderr = "";
    const code = await runCli(["check", ...setup.cli, "--format", "json"], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, env: {}, cwd: setup.cwd });
    expect(code, stderr).toBe({ pass: 0, warn: 0, block: 1 }[kind.expect.decision]);
    const report = JSON.parse(stdout) as { decision: string; changes: unknown[]; sources?: { summary: string } };
    expect(report.decision).toBe(kind.expect.decision);
    expect(report.changes).toHaveLength(kind.expect.changes);
    expect(report.sources?.summary).toMatch(kind.expect.summary);
    if (setup.canary) expect(existsSync(setup.canary)).toBe(false);
  });
});
