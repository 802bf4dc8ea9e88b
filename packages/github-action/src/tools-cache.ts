import * as cache from "@actions/cache";
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { access, constants, stat } from "node:fs/promises";
import { basename, dirname } from "node:path";
import { ensureTools, goBinary, toolPath, toolsDir } from "@kubegate/core/tools";
import type { StagedProvider } from "./inputs.js";

type ToolName = Parameters<typeof toolPath>[0];

/**
 * The tools a staged run needs, built from Go modules by @kubegate/core (stage/tools/versions.ts
 * pins them). Every provider runs the ingress controller (Traefik) in kubegate's sandbox; the
 * local provider also runs etcd and kube-apiserver there. kind and k3s bring their own cluster
 * (the runner's Docker). Traefik v2.4 (only for manifests pinned to 2.4) is built on demand.
 */
export const STAGE_TOOLS: Readonly<Record<StagedProvider, readonly ToolName[]>> = {
  local: ["etcd", "kube-apiserver", "traefik-v3", "traefik-v2"],
  kind: ["traefik-v3", "traefik-v2"],
  k3s: ["traefik-v3", "traefik-v2"],
};

export interface ToolsPlan {
  stage: StagedProvider;
  tools: readonly ToolName[];
  /** `<name>-<version>` of each tool: its folder in the tools dir, and what the key hashes. */
  pinned: readonly string[];
  /** The folders restored and saved (`<toolsDir>/<name>-<version>`): never lock files or other tools. */
  paths: readonly string[];
  /** `kubegate-tools-<os>-<arch>-<hash>`. */
  key: string;
}

/**
 * The cache key of a stage's tools: `kubegate-tools-<os>-<arch>-<hash>`, where the hash is the first
 * 16 hex digits of the SHA-256 of the tools' `<name>-<version>` lines (sorted). The tools dir is
 * keyed the same way (a tool whose `<name>-<version>` folder exists is never rebuilt), so a version
 * bump in versions.ts gives a new key and nothing stale is ever restored.
 */
export function toolsCacheKey(pinned: readonly string[], platform: string = process.platform, arch: string = process.arch): string {
  const hash = createHash("sha256").update([...pinned].sort().join("\n")).digest("hex").slice(0, 16);
  return `kubegate-tools-${platform}-${arch}-${hash}`;
}

export function toolsPlan(stage: StagedProvider): ToolsPlan {
  const tools = STAGE_TOOLS[stage];
  const folders = tools.map((t) => dirname(toolPath(t)));
  const pinned = folders.map((f) => basename(f));
  return { stage, tools, pinned, paths: folders, key: toolsCacheKey(pinned) };
}

/**
 * What happened to the tools cache:
 * - present: every tool was already in the tools dir (self-hosted runner, warm machine): no cache call;
 * - hit / miss: the cache service answered;
 * - unavailable: no cache service here (act, GHES without cache): built without cache;
 * - failed: the cache service errored: built without cache.
 */
export type CacheOutcome = "present" | "hit" | "miss" | "unavailable" | "failed";

export interface ToolsReport {
  key: string;
  cache: CacheOutcome;
  /** One line saying what happened, for the log and the job summary. */
  detail: string;
  /** Tools built by this run (Go was needed). */
  built: ToolName[];
  /** After a build on a miss: whether the tools were saved under the key. */
  saved?: boolean;
}

/** The tools a stage needs are neither in the cache nor buildable (no Go): staging fails closed. */
export class ToolsUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ToolsUnavailableError";
  }
}

export interface PrepareOptions {
  log: (line: string) => void;
  /** Cache trouble that does not stop the run. */
  warn: (line: string) => void;
  signal?: AbortSignal;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function missingTools(plan: ToolsPlan): Promise<ToolName[]> {
  const missing: ToolName[] = [];
  for (const tool of plan.tools) if (!(await isExecutable(toolPath(tool)))) missing.push(tool);
  return missing;
}

/** `go version` of the Go core would build with ($KUBEGATE_GO, PATH, /usr/local/go), or undefined. */
export function findGo(): Promise<string | undefined> {
  const go = goBinary();
  return new Promise((resolve) => {
    execFile(go, ["version"], { timeout: 30_000 }, (error, stdout) => resolve(error ? undefined : `${stdout.trim()} (${go})`));
  });
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Makes the stage's tools available in the tools dir: restores them from the Actions cache, builds
 * what is still missing with Go (then saves them under the key right away, so a later failure of
 * the gate does not lose a build of several minutes), and fails closed with what to do when
 * neither the cache nor Go can provide them. Cache trouble never fails the run: it degrades to
 * building.
 */
export async function prepareTools(plan: ToolsPlan, options: PrepareOptions): Promise<ToolsReport> {
  const { log, warn } = options;
  const names = plan.pinned.join(", ");
  if ((await missingTools(plan)).length === 0) {
    const detail = `${names} already in ${toolsDir()}: no cache restore needed`;
    log(`kubegate tools: ${detail}`);
    return { key: plan.key, cache: "present", detail, built: [] };
  }

  // `why`: why the cache did not provide the tools, for the failure when Go cannot either.
  let outcome: CacheOutcome;
  let detail: string;
  let why: string;
  if (!cache.isFeatureAvailable()) {
    outcome = "unavailable";
    why = "the Actions cache service is not available here (no ACTIONS_RESULTS_URL or ACTIONS_CACHE_URL, e.g. under act)";
    detail = `${why}: the tools are built without cache`;
  } else {
    try {
      const restored = await cache.restoreCache([...plan.paths], plan.key);
      outcome = restored === plan.key ? "hit" : "miss";
      why = outcome === "hit" ? "the cache entry lacks them" : `the cache has no entry for key ${plan.key}`;
      detail = outcome === "hit" ? `restored ${names} from the cache (key ${plan.key})` : `no cache entry for key ${plan.key}: the tools are built and saved under it`;
    } catch (error) {
      outcome = "failed";
      why = `the cache restore failed (${message(error)})`;
      detail = `${why}: the tools are built without cache`;
    }
  }
  (outcome === "failed" ? warn : log)(`kubegate tools: ${detail}`);

  const missing = await missingTools(plan);
  if (missing.length === 0) return { key: plan.key, cache: outcome, detail, built: [] };

  const go = await findGo();
  if (!go) {
    throw new ToolsUnavailableError(
      `stage: ${plan.stage} needs ${missing.join(", ")} (built from Go modules into ${toolsDir()}), and cannot get them: ${why}, and no Go toolchain was found ($KUBEGATE_GO, PATH, /usr/local/go/bin/go). ` +
        `Add actions/setup-go (go-version: "1.26") before the kubegate step: the first run builds the tools (several minutes) and saves them under ${plan.key}; later runs restore them.`,
    );
  }
  log(`kubegate tools: building ${missing.join(", ")} with ${go}`);
  try {
    await ensureTools(missing, { log, ...(options.signal ? { signal: options.signal } : {}) });
  } catch (error) {
    throw new ToolsUnavailableError(`stage: ${plan.stage} needs ${missing.join(", ")}, and building them failed: ${message(error)}`);
  }

  const report: ToolsReport = { key: plan.key, cache: outcome, detail, built: missing };
  if (outcome !== "miss") return report;
  try {
    const id = await cache.saveCache([...plan.paths], plan.key);
    report.saved = id !== -1;
    log(report.saved ? `kubegate tools: saved ${names} to the cache under ${plan.key}` : `kubegate tools: could not save the cache under ${plan.key} (see the warning above); the next run builds again`);
  } catch (error) {
    report.saved = false;
    warn(`kubegate tools: could not save the cache under ${plan.key}: ${message(error)}`);
  }
  return report;
}

/** The tools line of the job summary. */
export function toolsSummary(report: ToolsReport): string {
  const built = report.built.length > 0 ? ` Built: ${report.built.join(", ")}${report.saved === true ? ", saved to the cache" : report.saved === false ? ", not saved to the cache" : ""}.` : "";
  return `Staging tools (cache key \`${report.key}\`): ${report.cache}: ${report.detail}.${built}`;
}
