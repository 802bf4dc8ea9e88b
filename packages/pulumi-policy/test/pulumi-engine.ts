/**
 * The real Pulumi engine for the end-to-end tests: CLI, Node.js language host and Kubernetes
 * provider built from Go modules (core's stage/tools), a file backend and PULUMI_HOME in a temp
 * dir, no plugin downloads (the built plugins are found on PATH), and a copy of the example
 * program whose node_modules is the workspace's.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { ensureTool, toolPath } from "@kubegate/core/tools";

export const REPO = resolve(import.meta.dirname, "../../..");
export const EXAMPLE = join(REPO, "examples/pulumi");
export const PACK = join(REPO, "packages/pulumi-policy");
/**
 * What `--policy-pack` names: the pack as an executable analyzer plugin. The CLI (v3.276) runs a
 * pack *directory* through the language host's RunPlugin, which the buildable v3.68 host lacks.
 */
export const PACK_ANALYZER = join(PACK, "run-policy-pack");
export const KUBEGATE = join(REPO, "packages/core/dist/cli/main.js");
const TSC = join(REPO, "packages/pulumi-policy/node_modules/typescript/bin/tsc");

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Run> {
  return new Promise((done) => {
    execFile(command, args, { cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeoutMs ?? 10 * 60_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      done({ code, stdout, stderr: `${stderr}${error && typeof error.code !== "number" ? `\n${error.message}` : ""}` });
    });
  });
}

const ENGINE = ["pulumi", "pulumi-language-nodejs", "pulumi-resource-kubernetes"] as const;

/**
 * Builds (or finds) the three binaries; the error says exactly what failed. `cachedOnly`: use
 * them only if already built (a cold build takes ~30 min of 2 cores, see stage/tools/README.md).
 */
export async function buildEngine(log: (line: string) => void, cachedOnly = false): Promise<{ ok: true; bins: string[] } | { ok: false; error: string }> {
  const missing = ENGINE.filter((t) => !existsSync(toolPath(t)));
  if (cachedOnly && missing.length > 0) return { ok: false, error: `KUBEGATE_ENGINE_TESTS=cached and ${missing.join(", ")} not built yet` };
  try {
    const bins: string[] = [];
    for (const tool of ENGINE) bins.push(await ensureTool(tool, { log }));
    return { ok: true, bins };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

export class PulumiWorkspace {
  private constructor(
    readonly dir: string,
    readonly project: string,
    readonly env: NodeJS.ProcessEnv,
  ) {}

  /** A temp project (compiled example program) and a logged-in file backend with stack `dev`. */
  static async create(bins: string[], kubeconfigPath: string): Promise<PulumiWorkspace> {
    const dir = await mkdtemp(join(tmpdir(), "kubegate-pulumi-"));
    const project = join(dir, "project");
    await mkdir(project);
    for (const file of ["Pulumi.yaml", "package.json"]) await cp(join(EXAMPLE, file), join(project, file));
    await symlink(join(EXAMPLE, "node_modules"), join(project, "node_modules"));
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PATH: [...new Set([...bins.map((b) => dirname(b)), dirname(process.execPath)])].join(delimiter) + delimiter + (process.env.PATH ?? ""),
      PULUMI_HOME: join(dir, "home"),
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_CONFIG_PASSPHRASE: "kubegate-test-passphrase",
      PULUMI_DEBUG_COMMANDS: "true", // enables --event-log, where policy violations are recorded
      KUBECONFIG: kubeconfigPath,
      NO_COLOR: "1",
    };
    // The built plugins are found on PATH ("ambient"): ignoring them would make the engine download.
    delete env.PULUMI_IGNORE_AMBIENT_PLUGINS;
    delete env.PULUMI_ACCESS_TOKEN;
    delete env.PULUMI_BACKEND_URL;
    const ws = new PulumiWorkspace(dir, project, env);
    const tsc = await run(process.execPath, [TSC, "-p", join(EXAMPLE, "tsconfig.json"), "--outDir", join(project, "dist")], { cwd: EXAMPLE });
    if (tsc.code !== 0) throw new Error(`tsc of the example program failed:\n${tsc.stdout}${tsc.stderr}`);
    const pack = await run(process.execPath, [TSC, "-p", join(PACK, "tsconfig.build.json")], { cwd: PACK });
    if (pack.code !== 0) throw new Error(`tsc of the policy pack failed:\n${pack.stdout}${pack.stderr}`);
    await mkdir(join(dir, "state"));
    await ws.must(["login", `file://${join(dir, "state")}`]);
    await ws.must(["stack", "init", "dev", "--non-interactive"]);
    return ws;
  }

  pulumi(args: string[], timeoutMs?: number): Promise<Run> {
    return run("pulumi", [...args, "--non-interactive"], { cwd: this.project, env: this.env, ...(timeoutMs ? { timeoutMs } : {}) });
  }

  async must(args: string[]): Promise<Run> {
    const r = await this.pulumi(args);
    if (r.code !== 0) throw new Error(`pulumi ${args.join(" ")} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
    return r;
  }

  setVariant(variant: string): Promise<Run> {
    return this.must(["config", "set", "variant", variant]);
  }

  async writeFile(name: string, content: string): Promise<string> {
    const path = join(this.dir, name);
    await writeFile(path, content);
    return path;
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Policy violations of an --event-log file (one JSON engine event per line). */
export function policyEvents(eventLog: string): { policyName: string; enforcementLevel: string; resourceUrn?: string; message: string }[] {
  return eventLog
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as { policyEvent?: { policyName: string; enforcementLevel: string; resourceUrn?: string; message: string } })
    .flatMap((e) => (e.policyEvent ? [e.policyEvent] : []));
}
