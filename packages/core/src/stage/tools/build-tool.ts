/**
 * Builds the pinned external tools (versions.ts) from Go modules with `go build`,
 * into `${KUBEGATE_TOOLS_DIR:-~/.cache/kubegate/tools}/<name>-<version>/<binary>`.
 *
 * A build happens in a temp wrapper module, writes into a hidden staging folder of
 * the tools dir, is checked (`--version`), and only then renamed into place, so an
 * interrupted build never leaves a half binary. A lock file per tool keeps two
 * processes from building the same tool at once.
 */
import { execFile } from "node:child_process";
import { access, chmod, constants, copyFile, cp, mkdir, mkdtemp, readFile, readdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { GoCommandError, goBinary, runGo } from "./go-run.js";
import { withLockFile } from "./lock-file.js";
import { BUILD_DIR_PREFIX, writeBuildMarker } from "./stale-builds.js";
import { TOOL_VERSIONS, type ToolName, type ToolSpec } from "./versions.js";
import { formatReplace, isLocalPath, parseGoMod, wrapperGoMod, wrapperReplaces } from "./wrapper-module.js";

export interface EnsureToolOptions {
  /** Progress lines (kubegate's own steps and go's output). */
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
  /** Another release of the same module than the pinned one (e.g. the exact Traefik of an image tag). */
  readonly version?: string;
}

/** Where built tools live: $KUBEGATE_TOOLS_DIR, or ~/.cache/kubegate/tools. */
export function toolsDir(): string {
  const fromEnv = process.env["KUBEGATE_TOOLS_DIR"];
  return fromEnv ? fromEnv : join(homedir(), ".cache", "kubegate", "tools");
}

function spec(name: ToolName): ToolSpec {
  const s: ToolSpec | undefined = TOOL_VERSIONS[name];
  if (!s) throw new Error(`unknown tool ${String(name)} (known: ${Object.keys(TOOL_VERSIONS).join(", ")})`);
  return s;
}

/**
 * The recipe of a pinned tool applied to another release of the same module: the pinned version
 * is replaced wherever the spec stamps or checks it ("v3.6.25" and "3.6.25").
 */
export function atVersion(s: ToolSpec, version: string): ToolSpec {
  if (!/^v\d+\.\d+\.\d+$/.test(version)) throw new Error(`not a release version: ${JSON.stringify(version)} (expected vX.Y.Z)`);
  const [from, to] = [s.version.replace(/^v/, ""), version.replace(/^v/, "")];
  const swap = (value: string): string => value.split(s.version).join(version).split(from).join(to);
  const xflags = Object.fromEntries(Object.entries(s.xflags).map(([k, v]) => [k, swap(v)]));
  return { ...s, version, xflags, versionCheck: { args: s.versionCheck.args, expect: swap(s.versionCheck.expect) } };
}

/** Whether the tool's binary at `version` (default: the pinned one) is already built. */
export async function isToolBuilt(name: ToolName, version?: string): Promise<boolean> {
  return isExecutable(toolPath(name, version));
}

/** Absolute path of the tool's binary (pinned version unless one is given). */
export function toolPath(name: ToolName, version?: string): string {
  const s = spec(name);
  return join(toolsDir(), `${name}-${version ?? s.version}`, s.binary);
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

interface ModuleInfo {
  Dir?: string;
  GoMod?: string;
  Sum?: string;
  Error?: string;
}

/** `go mod download -json module@version` (works outside any module). */
async function downloadModule(mv: string, cwd: string, opts: EnsureToolOptions, env?: Record<string, string>): Promise<ModuleInfo> {
  let out: string;
  try {
    out = await runGo(["mod", "download", "-json", mv], { cwd, quietStdout: true, ...opts, ...(env ? { env } : {}) });
  } catch (err) {
    const stdout = err instanceof GoCommandError ? err.stdout : "";
    const info = stdout ? (JSON.parse(stdout) as ModuleInfo) : undefined;
    if (info?.Error && err instanceof GoCommandError) {
      throw new GoCommandError(err.message, [...err.tail, info.Error], stdout);
    }
    throw err;
  }
  return JSON.parse(out) as ModuleInfo;
}

function ldflags(s: ToolSpec): string {
  // Values may be empty or contain spaces: go's -ldflags accepts quoted words.
  const quote = (v: string): string => (/[\s'"]/.test(v) || v === "" ? `'${v.replace(/'/g, "")}'` : v);
  const xs = Object.entries(s.xflags).map(([k, v]) => `-X ${quote(`${k}=${v}`)}`);
  return ["-s", "-w", ...xs, ...(s.extraLdflags ?? [])].join(" ");
}

async function copyIfExists(from: string, to: string): Promise<void> {
  try {
    await copyFile(from, to);
    await chmod(to, 0o644);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
}

async function makeWritable(dir: string): Promise<void> {
  await chmod(dir, 0o755);
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) await makeWritable(p);
    else if (entry.isFile()) await chmod(p, 0o644);
  }
}

interface PreparedModule {
  /** Where to run go get / go build. */
  dir: string;
  /** The downloaded upstream module (read-only, in the module cache). */
  source?: string;
}

/** Prepares the module to build in. */
async function prepareModule(name: ToolName, s: ToolSpec, work: string, opts: EnsureToolOptions): Promise<PreparedModule> {
  const log = opts.log ?? ((): void => {});
  const mv = `${s.module}@${s.version}`;
  log(`[${name}] go mod download ${mv}${s.moduleSum ? ` (checked against the pinned ${s.moduleSum})` : ""}`);
  const info = await downloadModule(mv, work, opts, s.moduleSum ? { GONOSUMDB: s.module } : undefined);
  if (s.moduleSum && info.Sum !== s.moduleSum) throw new Error(`${mv} has hash ${info.Sum ?? "(none)"}, expected the pinned ${s.moduleSum}`);
  const source = info.Dir ? { source: info.Dir } : {};
  if (s.recipe === "patched-source") {
    if (!info.Dir) throw new Error(`go mod download gave no Dir for ${mv}`);
    const src = join(work, "src");
    await cp(info.Dir, src, { recursive: true });
    await makeWritable(src);
    for (const [rel, content] of Object.entries(s.stubFiles ?? {})) {
      log(`[${name}] adding stub ${rel}`);
      await mkdir(dirname(join(src, rel)), { recursive: true });
      await writeFile(join(src, rel), content);
    }
    await resolveLocalReplaces(name, s, src, opts);
    if (s.generate) {
      log(`[${name}] go ${s.generate.args.join(" ")} (in ${s.generate.dir})`);
      await runGo(s.generate.args, { cwd: join(src, s.generate.dir), ...opts, ...(s.generate.env ? { env: s.generate.env } : {}) });
    }
    return { dir: src, ...source };
  }
  if (!info.GoMod) throw new Error(`go mod download gave no GoMod for ${mv}`);
  const { text, dropped } = wrapperGoMod(await readFile(info.GoMod, "utf8"), {
    wrapperModule: `kubegate.local/tools/${name}`,
    module: s.module,
    version: s.version,
    ...(s.localReplace ? { localReplace: s.localReplace } : {}),
  });
  for (const d of dropped) log(`[${name}] dropping upstream local replace ${formatReplace(d)}`);
  const dir = join(work, "wrapper");
  await mkdir(dir);
  await writeFile(join(dir, "go.mod"), text);
  // Start from upstream's own go.sum: go then checks the modules upstream pinned
  // against upstream's checksums and asks sum.golang.org only about the rest (the
  // checksum database reachable here lacks some, e.g. yandex-cloud/go-sdk/v2 v2.136.0
  // needed by traefik v3.6.25).
  if (info.Dir) await copyIfExists(join(info.Dir, "go.sum"), join(dir, "go.sum"));
  return { dir, ...source };
}

/**
 * A copied source is built as the main module, so its local-path replaces (`X => ../sdk`)
 * point outside the copy: they are pinned like the wrapper's (wrapperReplaces), or dropped.
 */
async function resolveLocalReplaces(name: ToolName, s: ToolSpec, src: string, opts: EnsureToolOptions): Promise<void> {
  const log = opts.log ?? ((): void => {});
  const upstream = parseGoMod(await readFile(join(src, "go.mod"), "utf8"));
  const local = new Set(upstream.replaces.filter((r) => isLocalPath(r.new.path)));
  if (local.size === 0) return;
  const { kept, dropped } = wrapperReplaces(upstream, s.localReplace);
  const edits: string[] = [];
  const at = (mv: { path: string; version?: string }): string => (mv.version ? `${mv.path}@${mv.version}` : mv.path);
  for (const r of upstream.replaces) {
    if (!local.has(r)) continue;
    const pinned = kept.find((k) => k.old.path === r.old.path && k.old.version === r.old.version);
    if (pinned) {
      log(`[${name}] local replace ${formatReplace(r)} -> ${formatReplace(pinned)}`);
      edits.push(`-replace=${at(pinned.old)}=${at(pinned.new)}`);
    }
  }
  for (const d of dropped) {
    log(`[${name}] dropping upstream local replace ${formatReplace(d)}`);
    edits.push(`-dropreplace=${at(d.old)}`);
  }
  await runGo(["mod", "edit", ...edits], { cwd: src, ...opts });
}

async function runVersionCheck(bin: string, s: ToolSpec): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, [...s.versionCheck.args], { timeout: 30_000 }, (err, stdout, stderr) => {
      const out = `${stdout}${stderr}`.trim();
      if (err) reject(new Error(`${bin} ${s.versionCheck.args.join(" ")} failed: ${err.message}\n${out}`));
      else if (!out.includes(s.versionCheck.expect)) {
        reject(new Error(`${bin} ${s.versionCheck.args.join(" ")} printed no "${s.versionCheck.expect}":\n${out}`));
      } else resolve(out);
    });
  });
}

async function build(name: ToolName, s: ToolSpec, opts: EnsureToolOptions): Promise<string> {
  const log = opts.log ?? ((): void => {});
  const finalPath = toolPath(name, s.version);
  const finalDir = dirname(finalPath);
  const work = await mkdtemp(join(tmpdir(), `${BUILD_DIR_PREFIX}${name}-`));
  await writeBuildMarker(work, name, s.version);
  const staging = join(toolsDir(), `.build-${name}-${s.version}-${process.pid}`);
  const t0 = Date.now();
  const secs = (): string => ((Date.now() - t0) / 1000).toFixed(1);
  try {
    // We hold the lock: staging folders of this tool left by killed builds are stale.
    const prefix = `.build-${name}-${s.version}-`;
    for (const entry of await readdir(toolsDir())) {
      if (entry.startsWith(prefix)) await rm(join(toolsDir(), entry), { recursive: true, force: true });
    }
    await mkdir(staging, { recursive: true });
    const { dir: moduleDir, source } = await prepareModule(name, s, work, opts);
    const getArgs = [`${s.package}@${s.version}`, ...(s.extraGet ?? [])];
    if (s.recipe === "patched-source") getArgs.shift(); // the package is the main module's own
    if (getArgs.length > 0) {
      log(`[${name}] go get ${getArgs.join(" ")}`);
      await runGo(["get", ...getArgs], { cwd: moduleDir, ...opts });
    }
    log(`[${name}] go build ${s.package} (resolved in ${secs()}s)`);
    const bin = join(staging, s.binary);
    await runGo(
      ["build", "-mod=mod", "-trimpath", "-buildvcs=false", "-ldflags", ldflags(s), "-o", bin, s.package],
      { cwd: moduleDir, ...opts },
    );
    const seconds = Number(secs());
    for (const [file, rel] of Object.entries(s.extraFiles ?? {})) {
      if (!source) throw new Error(`go mod download gave no Dir to copy ${rel} from`);
      await copyFile(join(source, rel), join(staging, file));
      await chmod(join(staging, file), 0o755);
    }
    const versionOutput = await runVersionCheck(bin, s);
    log(`[${name}] ${versionOutput.split("\n")[0] ?? ""}`);
    const goVersion = (await runGo(["env", "GOVERSION"], { cwd: moduleDir, quietStdout: true })).trim();
    await writeFile(
      join(staging, "build-info.json"),
      `${JSON.stringify(
        { tool: name, version: s.version, module: s.module, package: s.package, recipe: s.recipe, goVersion, buildSeconds: seconds, builtAt: new Date().toISOString(), go: goBinary() },
        null,
        2,
      )}\n`,
    );
    await rm(finalDir, { recursive: true, force: true }); // only a dir without a binary gets here
    await rename(staging, finalDir);
    log(`[${name}] built ${s.version} in ${seconds}s -> ${finalPath}`);
    return finalPath;
  } catch (err) {
    const tail = err instanceof GoCommandError ? err.tail : [];
    const detail = tail.length > 0 ? `\n--- last ${tail.length} lines of go output ---\n${tail.join("\n")}` : "";
    throw new Error(
      `failed to build ${name} ${s.version} (${s.package}) after ${secs()}s: ${(err as Error).message}${detail}`,
      { cause: err },
    );
  } finally {
    await rm(staging, { recursive: true, force: true });
    await rm(work, { recursive: true, force: true });
  }
}

/** Path of the tool's binary, building it first if it is not in the tools dir yet. */
export async function ensureTool(name: ToolName, opts: EnsureToolOptions = {}): Promise<string> {
  const s = opts.version ? atVersion(spec(name), opts.version) : spec(name);
  const path = toolPath(name, s.version);
  if (await isExecutable(path)) return path;
  await mkdir(toolsDir(), { recursive: true });
  const lock = join(toolsDir(), `${name}-${s.version}.lock`);
  return withLockFile(
    lock,
    async () => ((await isExecutable(path)) ? path : build(name, s, opts)),
    opts,
  );
}

/** ensureTool for each name, one at a time (builds are CPU-heavy). */
export async function ensureTools(
  names: readonly ToolName[],
  opts: EnsureToolOptions = {},
): Promise<Record<string, string>> {
  const paths: Record<string, string> = {};
  for (const name of names) paths[name] = await ensureTool(name, opts);
  return paths;
}
