import { execFile } from "node:child_process";
import { access, constants } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { ensureTool, toolPath } from "../stage/tools/build-tool.js";
import { TOOL_VERSIONS } from "../stage/tools/versions.js";

export interface HelmBinary {
  path: string;
  /** "v3.22.0" */
  version: string;
  /** Where it came from: the pinned build, $KUBEGATE_HELM, or PATH. */
  origin: "pinned" | "env" | "path";
}

export interface FindHelmOptions {
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  signal?: AbortSignal;
  /** Build the pinned helm when neither it nor a usable `helm` on PATH exists (default true). */
  build?: boolean;
  /** Prefer a `helm` on PATH over the pinned build (default: pinned first). */
  preferPath?: boolean;
}

/** Oldest helm kubegate accepts: `--set-json` (3.10) and `--kube-version` on template. */
export const MIN_HELM = [3, 10] as const;

/** Picks the Helm major kubegate renders with: 4 (default, the `helm` tool) or 3 (`helm3`). */
export const HELM_MAJOR_SWITCH = "KUBEGATE_HELM_VERSION";

/** The pinned helm tool for $KUBEGATE_HELM_VERSION (unset: Helm 4). */
export function pinnedHelmTool(env: NodeJS.ProcessEnv): { tool: "helm" | "helm3"; major: 3 | 4 } {
  const wanted = (env[HELM_MAJOR_SWITCH] ?? "").trim().replace(/^v/, "");
  if (wanted === "" || wanted === "4") return { tool: "helm", major: 4 };
  if (wanted === "3") return { tool: "helm3", major: 3 };
  throw new Error(`$${HELM_MAJOR_SWITCH} must be 3 or 4 (the Helm major to render with)`);
}

let cached: Promise<HelmBinary> | undefined;

/**
 * The helm binary to render with: $KUBEGATE_HELM, else the pinned build of the Helm major
 * $KUBEGATE_HELM_VERSION asks for (4 by default, or 3) in the tools dir when built, else `helm` on
 * PATH when its version is >= 3.10 (and of that major, when one is asked for), else the pinned
 * version built from its Go module (a few minutes, once). The version is always checked.
 */
export function findHelm(options: FindHelmOptions = {}): Promise<HelmBinary> {
  if (options.env || options.preferPath || options.build === false) return locate(options);
  cached ??= locate(options).catch((error: unknown) => {
    cached = undefined;
    throw error;
  });
  return cached;
}

async function locate(options: FindHelmOptions): Promise<HelmBinary> {
  const env = options.env ?? process.env;
  const explicit = env.KUBEGATE_HELM;
  if (explicit) return { path: explicit, version: await checkedVersion(explicit, "$KUBEGATE_HELM"), origin: "env" };
  const { tool, major } = pinnedHelmTool(env);
  const majorAsked = Boolean(env[HELM_MAJOR_SWITCH]);
  const pinned = toolPath(tool);
  const candidates: Array<() => Promise<HelmBinary | undefined>> = [
    async () => ((await executable(pinned)) ? { path: pinned, version: await checkedVersion(pinned, "the pinned helm"), origin: "pinned" } : undefined),
    async () => {
      const onPath = await which("helm", env);
      if (!onPath) return undefined;
      try {
        const version = await checkedVersion(onPath, "helm on PATH");
        if (majorAsked && !version.startsWith(`v${major}.`)) throw new Error(`it is helm ${version} and $${HELM_MAJOR_SWITCH} asks for Helm ${major}`);
        return { path: onPath, version, origin: "path" };
      } catch (error) {
        options.log?.(`kubegate: ignoring ${onPath}: ${(error as Error).message}`);
        return undefined;
      }
    },
  ];
  if (options.preferPath) candidates.reverse();
  for (const candidate of candidates) {
    const found = await candidate();
    if (found) return found;
  }
  if (options.build === false) throw new Error(`no helm found: build it with ensureTool("${tool}") (${TOOL_VERSIONS[tool].version}), put helm >= ${MIN_HELM.join(".")} on PATH or set KUBEGATE_HELM`);
  options.log?.(`kubegate: building helm ${TOOL_VERSIONS[tool].version} from its Go module (once, a few minutes)`);
  const built = await ensureTool(tool, { ...(options.log ? { log: options.log } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  return { path: built, version: await checkedVersion(built, "the pinned helm"), origin: "pinned" };
}

/** `helm version --template {{.Version}}`, checked against MIN_HELM. */
export async function checkedVersion(path: string, what: string): Promise<string> {
  const out = await new Promise<string>((resolve, reject) => {
    execFile(path, ["version", "--template", "{{.Version}}"], { timeout: 30_000, env: isolatedHelmEnv(process.env) }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${what} (${path}) did not run: ${(stderr || error.message).trim()}`));
      else resolve(stdout.trim());
    });
  });
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(out);
  if (!m) throw new Error(`${what} (${path}) printed no version (${JSON.stringify(out.slice(0, 80))})`);
  const [major, minor] = [Number(m[1]), Number(m[2])];
  if (major < MIN_HELM[0] || (major === MIN_HELM[0] && minor < MIN_HELM[1])) {
    throw new Error(`${what} (${path}) is helm ${out}; kubegate needs >= v${MIN_HELM.join(".")} (--set-json)`);
  }
  return out.startsWith("v") ? out : `v${out}`;
}

/**
 * Environment for helm runs: no user repositories, plugins or kubeconfig leak into a render, so
 * base and head render alike on every machine. HELM_*_HOME point at a folder that need not exist.
 */
export function isolatedHelmEnv(env: NodeJS.ProcessEnv, home = "/nonexistent/kubegate-helm"): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const key of ["PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "SYSTEMROOT"]) if (env[key] !== undefined) out[key] = env[key];
  return {
    ...out,
    HELM_CONFIG_HOME: join(home, "config"),
    HELM_CACHE_HOME: join(home, "cache"),
    HELM_DATA_HOME: join(home, "data"),
    HELM_PLUGINS: join(home, "plugins"),
    KUBECONFIG: join(home, "kubeconfig"),
  };
}

/** "1.34" / "v1.34" / "1.34.2" -> "v1.34.0" / "v1.34.2" for `--kube-version`. */
export function kubeVersionFlag(version: string): string {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?$/.exec(version.trim());
  if (!m) throw new Error(`bad Kubernetes version "${version}" (expected 1.34 or 1.34.2)`);
  return `v${m[1]}.${m[2]}.${m[3] ?? "0"}`;
}

async function executable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function which(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const dir of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    if (await executable(candidate)) return candidate;
  }
  return undefined;
}
