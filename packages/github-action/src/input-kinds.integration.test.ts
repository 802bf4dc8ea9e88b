import { existsSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { INPUT_KINDS } from "@kubegate/core/testing/input-kinds";
import { ensureTools } from "@kubegate/core/tools";
import { readInputs } from "./inputs.js";
import { resolveSides } from "./resolve-sides.js";
import { runCheck } from "./run-check.js";

// The table packages/core/src/sources/input-kinds.integration.test.ts runs through check() and the
// CLI, run here through the Action's own input parsing, side resolution and check: one reading.
describe.each(INPUT_KINDS)("input kind through the Action: $name", (kind) => {
  beforeAll(async () => {
    await ensureTools(kind.tools);
  }, 60 * 60_000);

  it("reads it as the library and the CLI do", async () => {
    const setup = await kind.setup();
    const inputs = readInputs((name) => setup.action[name] ?? "");
    const sides = inputs.pulumiPreview
      ? undefined
      : await resolveSides(inputs, { workspace: setup.cwd, tempDir: await mkdtemp(join(tmpdir(), "kubegate-action-kinds-")), eventName: "workflow_dispatch", payload: {}, onWorktree: () => undefined });
    const run = await runCheck(inputs, sides, setup.cwd);
    expect(run.result.decision).toBe(kind.expect.decision);
    expect(run.result.changes).toHaveLength(kind.expect.changes);
    expect(run.result.sources?.summary).toMatch(kind.expect.summary);
    if (setup.canary) expect(existsSync(setup.canary)).toBe(false);
  });
});
