import { chmodSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@actions/cache", () => ({
  isFeatureAvailable: vi.fn(() => true),
  restoreCache: vi.fn(async () => undefined),
  saveCache: vi.fn(async () => 42),
}));
vi.mock("@kubegate/core/tools", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@kubegate/core/tools")>()),
  ensureTools: vi.fn(async () => ({})),
}));

import * as cache from "@actions/cache";
import { ensureTools, toolPath } from "@kubegate/core/tools";
import { tempDir } from "../test/helpers.js";
import { prepareTools, STAGE_TOOLS, toolsCacheKey, toolsPlan, toolsSummary, ToolsUnavailableError } from "./tools-cache.js";

type ToolName = Parameters<typeof toolPath>[0];

/** Puts an executable where core looks for the tool (what a build or a cache restore leaves). */
function install(tool: ToolName): void {
  const path = toolPath(tool);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, "#!/bin/sh\n");
  chmodSync(path, 0o755);
}

function fakeGo(dir: string): string {
  const go = join(dir, "go");
  writeFileSync(go, "#!/bin/sh\necho go version go1.26.8 linux/amd64\n");
  chmodSync(go, 0o755);
  return go;
}

const lines: string[] = [];
const warnings: string[] = [];
const options = { log: (l: string) => lines.push(l), warn: (l: string) => warnings.push(l) };
let tools: string;

beforeEach(() => {
  vi.clearAllMocks();
  lines.length = 0;
  warnings.length = 0;
  const dir = tempDir();
  tools = join(dir, "tools");
  vi.stubEnv("KUBEGATE_TOOLS_DIR", tools);
  vi.stubEnv("KUBEGATE_GO", fakeGo(dir));
  vi.mocked(cache.isFeatureAvailable).mockReturnValue(true);
  vi.mocked(cache.restoreCache).mockResolvedValue(undefined);
  vi.mocked(cache.saveCache).mockResolvedValue(42);
  vi.mocked(ensureTools).mockImplementation(async (names) => {
    for (const n of names) install(n);
    return {};
  });
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("the tools cache key", () => {
  it("is kubegate-tools-<os>-<arch>-<16 hex of the pinned name-version lines>", () => {
    expect(toolsCacheKey(["etcd-v3.5.35", "kube-apiserver-v1.34.10"], "linux", "x64")).toMatch(/^kubegate-tools-linux-x64-[0-9a-f]{16}$/);
    // Order does not matter; every version does.
    expect(toolsCacheKey(["a-v1", "b-v2"], "linux", "x64")).toBe(toolsCacheKey(["b-v2", "a-v1"], "linux", "x64"));
    expect(toolsCacheKey(["a-v1", "b-v2"], "linux", "x64")).not.toBe(toolsCacheKey(["a-v1", "b-v3"], "linux", "x64"));
    expect(toolsCacheKey(["a-v1"], "linux", "x64")).not.toBe(toolsCacheKey(["a-v1"], "linux", "arm64"));
  });

  it("hashes the versions core pins for the stage's tools, and caches their folders only", () => {
    const plan = toolsPlan("local");
    expect(plan.tools).toEqual(["etcd", "kube-apiserver", "traefik-v3", "traefik-v2"]);
    expect(plan.pinned).toEqual(plan.tools.map((t) => `${t}-${toolPath(t).split("/").at(-2)!.slice(t.length + 1)}`));
    expect(plan.pinned).toContain("etcd-v3.6.17");
    expect(plan.paths).toEqual(plan.tools.map((t) => dirname(toolPath(t))));
    expect(plan.paths.every((p) => dirname(p) === tools)).toBe(true);
    expect(plan.key).toBe(toolsCacheKey(plan.pinned));
    expect(plan.key.startsWith(`kubegate-tools-${process.platform}-${process.arch}-`)).toBe(true);
    // kind and k3s bring their own cluster: only the controller's builds.
    expect(toolsPlan("kind").tools).toEqual(STAGE_TOOLS.kind);
    expect(toolsPlan("kind").key).not.toBe(plan.key);
  });
});

describe("prepareTools", () => {
  it("restores on a hit and builds nothing", async () => {
    const plan = toolsPlan("local");
    vi.mocked(cache.restoreCache).mockImplementation(async (_paths, key) => {
      for (const t of plan.tools) install(t);
      return key;
    });
    const report = await prepareTools(plan, options);
    expect(cache.restoreCache).toHaveBeenCalledWith([...plan.paths], plan.key);
    expect(report).toEqual({ key: plan.key, cache: "hit", detail: expect.stringContaining("restored etcd-v3.6.17"), built: [] });
    expect(ensureTools).not.toHaveBeenCalled();
    expect(cache.saveCache).not.toHaveBeenCalled();
  });

  it("on a miss builds with Go and saves under the key right after the build", async () => {
    const plan = toolsPlan("local");
    install("etcd"); // a partial tools dir: only the rest is built
    const report = await prepareTools(plan, options);
    expect(ensureTools).toHaveBeenCalledWith(["kube-apiserver", "traefik-v3", "traefik-v2"], expect.objectContaining({ log: options.log }));
    expect(cache.saveCache).toHaveBeenCalledWith([...plan.paths], plan.key);
    expect(report).toMatchObject({ cache: "miss", built: ["kube-apiserver", "traefik-v3", "traefik-v2"], saved: true });
    expect(lines.join("\n")).toContain(`no cache entry for key ${plan.key}`);
    expect(lines.join("\n")).toMatch(/building kube-apiserver, traefik-v3, traefik-v2 with go version go1\.26\.8/);
    expect(lines.join("\n")).toContain(`saved etcd-v3.6.17, `);
    expect(toolsSummary(report)).toContain("Built: kube-apiserver, traefik-v3, traefik-v2, saved to the cache.");
  });

  it("a failed save is a warning, not a failure", async () => {
    vi.mocked(cache.saveCache).mockRejectedValue(new Error("Cache service responded with 503"));
    const report = await prepareTools(toolsPlan("kind"), options);
    expect(report).toMatchObject({ cache: "miss", saved: false });
    expect(warnings).toEqual([expect.stringContaining("could not save the cache under kubegate-tools-")]);
    vi.mocked(cache.saveCache).mockResolvedValue(-1); // @actions/cache logged why itself
    for (const t of STAGE_TOOLS.kind) rmTool(t);
    expect(await prepareTools(toolsPlan("kind"), options)).toMatchObject({ saved: false });
  });

  it("degrades to building without cache when the cache service is unavailable (act), and saves nothing", async () => {
    vi.mocked(cache.isFeatureAvailable).mockReturnValue(false);
    const report = await prepareTools(toolsPlan("local"), options);
    expect(cache.restoreCache).not.toHaveBeenCalled();
    expect(cache.saveCache).not.toHaveBeenCalled();
    expect(report).toMatchObject({ cache: "unavailable", built: ["etcd", "kube-apiserver", "traefik-v3", "traefik-v2"] });
    expect(lines[0]).toMatch(/cache service is not available here .*under act/);
  });

  it("degrades to building when the restore throws, with a warning", async () => {
    vi.mocked(cache.restoreCache).mockRejectedValue(new Error("Path Validation Error"));
    const report = await prepareTools(toolsPlan("local"), options);
    expect(report).toMatchObject({ cache: "failed", built: ["etcd", "kube-apiserver", "traefik-v3", "traefik-v2"] });
    expect(warnings[0]).toMatch(/the cache restore failed \(Path Validation Error\)/);
    expect(cache.saveCache).not.toHaveBeenCalled();
  });

  it("asks no cache when every tool is already in the tools dir", async () => {
    for (const t of STAGE_TOOLS.local) install(t);
    const report = await prepareTools(toolsPlan("local"), options);
    expect(report).toMatchObject({ cache: "present", built: [] });
    expect(cache.isFeatureAvailable).not.toHaveBeenCalled();
    expect(cache.restoreCache).not.toHaveBeenCalled();
  });

  describe("fails closed when neither the cache nor Go can provide the tools", () => {
    beforeEach(() => vi.stubEnv("KUBEGATE_GO", join(tempDir(), "no-go-here")));

    it("on a cache miss: names the tools, the key and actions/setup-go", async () => {
      const plan = toolsPlan("local");
      const error = await prepareTools(plan, options).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ToolsUnavailableError);
      expect((error as Error).message).toMatch(/^stage: local needs etcd, kube-apiserver, traefik-v3, traefik-v2 \(built from Go modules into .*\), and cannot get them: the cache has no entry for key kubegate-tools-/);
      expect((error as Error).message).toContain("no Go toolchain was found");
      expect((error as Error).message).toContain('actions/setup-go (go-version: "1.26")');
      expect(ensureTools).not.toHaveBeenCalled();
    });

    it("without a cache service", async () => {
      vi.mocked(cache.isFeatureAvailable).mockReturnValue(false);
      const error = await prepareTools(toolsPlan("k3s"), options).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/^stage: k3s needs traefik-v3, traefik-v2 .*the Actions cache service is not available here .*, and no Go toolchain/);
    });
  });

  it("a failed build is a staging error", async () => {
    vi.mocked(ensureTools).mockRejectedValue(new Error("failed to build etcd v3.5.35: go: module lookup disabled"));
    const error = await prepareTools(toolsPlan("local"), options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ToolsUnavailableError);
    expect((error as Error).message).toMatch(/building them failed: failed to build etcd/);
    expect(cache.saveCache).not.toHaveBeenCalled();
  });
});

function rmTool(tool: ToolName): void {
  rmSync(dirname(toolPath(tool)), { recursive: true, force: true });
}
