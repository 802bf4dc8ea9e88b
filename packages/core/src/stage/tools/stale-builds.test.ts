import { spawn, spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildFolderTool, removeStaleBuilds } from "./stale-builds.js";

/** The pid of a process that has exited (pids are not reused this quickly). */
function deadPid(): number {
  return spawnSync("true").pid!;
}

describe("stale tool build folders", () => {
  const roots: string[] = [];
  afterEach(async () => {
    for (const r of roots.splice(0)) await rm(r, { recursive: true, force: true });
  });

  async function layout() {
    const root = await mkdtemp(join(tmpdir(), "kubegate-stale-test-"));
    roots.push(root);
    const temp = join(root, "tmp");
    const tools = join(root, "tools");
    await mkdir(temp);
    await mkdir(tools);
    const folder = async (name: string, owner?: number): Promise<void> => {
      await mkdir(join(temp, name));
      if (owner !== undefined) await writeFile(join(temp, name, "kubegate-build.json"), JSON.stringify({ tool: "x", version: "v", pid: owner, host: hostname() }));
    };
    return { temp, tools, folder };
  }

  it("recognises build folders by tool name and mkdtemp's suffix only", () => {
    expect(buildFolderTool("kubegate-etcd-a1B2c3")).toBe("etcd");
    expect(buildFolderTool("kubegate-traefik-v2.4-a1B2c3")).toBe("traefik-v2.4");
    expect(buildFolderTool("kubegate-r20261204-120000-abcdef")).toBeUndefined();
    expect(buildFolderTool("kubegate-hosts-a1B2c3")).toBeUndefined();
    expect(buildFolderTool("kubegate-etcd-toolong1")).toBeUndefined();
  });

  it("removes folders of dead builds and keeps those of running ones (live marker or held lock)", async () => {
    const { temp, tools, folder } = await layout();
    await folder("kubegate-etcd-dead01", deadPid());
    await folder("kubegate-helm-alive1", process.pid);
    await folder("kubegate-kube-apiserver-locked", deadPid());
    // Another kubegate may pin another version: any version's lock counts.
    await writeFile(join(tools, "kube-apiserver-v9.9.9.lock"), JSON.stringify({ pid: process.pid, host: hostname(), since: "" }));
    await writeFile(join(tools, "etcd-v9.9.9.lock"), JSON.stringify({ pid: deadPid(), host: hostname(), since: "" }));
    const old = new Date(Date.now() - 3600_000);
    await folder("kubegate-act-nomark"); // no marker, old: a build killed before it wrote one
    await utimes(join(temp, "kubegate-act-nomark"), old, old);
    await folder("kubegate-dyff-fresh1"); // no marker yet, just made: may be starting
    await folder("kubegate-helm-inuse1"); // no marker, old, but a process works in it (a kubegate that writes no marker)
    await utimes(join(temp, "kubegate-helm-inuse1"), old, old);
    const worker = spawn("sleep", ["30"], { cwd: join(temp, "kubegate-helm-inuse1"), stdio: "ignore" });
    await folder("kubegate-r20261204-120000-abcdef", deadPid()); // a run dir: not a build's
    await mkdir(join(tools, `.build-etcd-v3.6.0-${deadPid()}`));
    await mkdir(join(tools, `.build-helm-v3.0.0-${process.pid}`));

    const removed = await removeStaleBuilds(tools, temp).finally(() => worker.kill());
    expect(removed.filter((r) => r.startsWith("tool build folder")).sort()).toEqual([`tool build folder ${join(temp, "kubegate-act-nomark")}`, `tool build folder ${join(temp, "kubegate-etcd-dead01")}`]);
    expect(removed.filter((r) => r.startsWith("tool staging folder"))).toEqual([expect.stringMatching(/^tool staging folder .*\.build-etcd-v3\.6\.0-\d+$/)]);
    expect((await readdir(temp)).sort()).toEqual(["kubegate-dyff-fresh1", "kubegate-helm-alive1", "kubegate-helm-inuse1", "kubegate-kube-apiserver-locked", "kubegate-r20261204-120000-abcdef"]);
    expect(await readdir(tools)).toContain(`.build-helm-v3.0.0-${process.pid}`);
  });
});
