import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { guardProcessGroup, guardSecretDir, guardTempDir, releaseAllSync, scrubDirSync } from "./exit-guard.js";

describe("exit guard", () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  async function runDir(): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), "kubegate-guard-test-"));
    dirs.push(dir);
    await mkdir(join(dir, "pki"));
    await writeFile(join(dir, "pki", "admin.key"), "not a real key");
    await writeFile(join(dir, "kubeconfig"), "x");
    await writeFile(join(dir, "marker.json"), "{}");
    return dir;
  }

  it("scrubs everything but the named entries", async () => {
    const dir = await runDir();
    scrubDirSync(dir, new Set(["marker.json"]));
    expect(await readdir(dir)).toEqual(["marker.json"]);
    scrubDirSync(join(dir, "missing"), new Set()); // a folder already gone is fine
  });

  it("on release, kills guarded process groups and scrubs guarded folders; released ones are left alone", async () => {
    const guarded = await runDir();
    const released = await runDir();
    guardSecretDir(guarded, ["marker.json"]);
    guardSecretDir(released, ["marker.json"])();
    const child = spawn("sleep", ["60"], { detached: true, stdio: "ignore" });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once("exit", (_code, sig) => resolve(sig)));
    guardProcessGroup(child.pid!);
    expect(releaseAllSync()).toEqual([guarded]);
    expect(await exited).toBe("SIGKILL");
    expect(await readdir(guarded)).toEqual(["marker.json"]);
    expect(existsSync(join(released, "pki", "admin.key"))).toBe(true);
    expect(releaseAllSync()).toEqual([]); // once
  });

  it("removes guarded temporary folders whole (a repository copy), released ones stay", async () => {
    const copy = await runDir();
    const kept = await runDir();
    guardTempDir(copy);
    guardTempDir(kept)();
    releaseAllSync();
    expect(existsSync(copy)).toBe(false);
    expect(existsSync(kept)).toBe(true);
  });
});
