/**
 * The `kubegate` command as users run it after `npm run setup`: the bin pnpm linked into the
 * repository root's node_modules/.bin (the committed bin/kubegate.js, which exists at install
 * time on a fresh clone, unlike dist/cli/main.js).
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const REPO = resolve(import.meta.dirname, "../../../..");

function run(command: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(command, args, { cwd: REPO }, (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

describe("the kubegate bin", () => {
  it("package.json names a committed file, not a build output", () => {
    const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, "../../package.json"), "utf8")) as { bin: Record<string, string> };
    expect(pkg.bin.kubegate).toBe("./bin/kubegate.js");
  });

  it("node_modules/.bin/kubegate --help at the repository root prints the usage", async () => {
    const r = await run(resolve(REPO, "node_modules/.bin/kubegate"), ["--help"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("kubegate check");
  });
});
