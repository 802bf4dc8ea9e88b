import { appendAll } from "../util/append-all.js";
import type { ReadOptions } from "../load/read-sources.js";
import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import type { KubegateConfig } from "../config/config.js";
import { parseConfig } from "../config/load-config.js";
import { discoverReleases } from "../helm/releases-config.js";
import type { ReleaseSet } from "../helm/releases.js";
import { loadManifests } from "../load/load-manifests.js";
import type { LocatedObject } from "../load/to-objects.js";
import type { Logger } from "../log/logger.js";
import { InputError } from "../model/input-error.js";
import { classifyPath } from "./classify-path.js";
import { refuseOverlaps } from "./overlapping-folders.js";
import { gitopsAt, type GitOpsSelection } from "./gitops/gitops-at.js";
import { readGitOps, type GitOpsCluster } from "./gitops/read-gitops.js";
import { readHelmfile } from "./helmfile/read-helmfile.js";
import { buildKustomization } from "./kustomize/build-kustomization.js";
import { kustomizeLayout } from "./kustomize/find-kustomizations.js";
import type { SourceOptions, SourceUnit } from "./source-request.js";
import { helmFor, pinnedTool } from "./tools.js";

/** The kustomization each built object came from, so overlapping overlays are named by folder. */
const builtFrom = new WeakMap<LocatedObject, string>();

/** One side read: loaded and built objects, and at most one release set still to render. */
export interface SideRead {
  objects: LocatedObject[];
  releases?: ReleaseSet;
  /** The platform tree's kubegate.yaml. */
  config?: KubegateConfig;
  units: SourceUnit[];
  notes: string[];
  /** GitOps clusters read (Flux, Argo CD), their releases still to render. */
  clusters?: GitOpsCluster[];
  /** Run once the side's releases are rendered (the GitOps repository copy). */
  cleanups: Array<() => Promise<void>>;
}

export interface SideContext extends SourceOptions {
  cwd: string;
  logger: Logger;
  side: "base" | "head";
  /** How the folder `cwd` is shown ("" when it is the repository root at a git ref). */
  shownCwd?: string;
}

function isFolder(abs: string): boolean {
  try {
    return statSync(abs).isDirectory();
  } catch {
    return false;
  }
}

/** Reads the paths of one side, each by what it holds (see classifyPath). */
export async function readSide(paths: string[], ctx: SideContext): Promise<SideRead> {
  const read: SideRead = { objects: [], units: [], notes: [], cleanups: [] };
  try {
    return await readInto(read, paths, ctx);
  } catch (error) {
    // The caller never gets `read`: what it made (a GitOps repository copy) is removed here.
    for (const cleanup of read.cleanups) await cleanup().catch(() => undefined);
    throw error;
  }
}

async function readInto(read: SideRead, paths: string[], ctx: SideContext): Promise<SideRead> {
  const manifests: string[] = [];
  for (const path of paths) {
    const abs = isAbsolute(path) ? path : resolve(ctx.cwd, path);
    const shown = shownOf(path, abs, ctx);
    const kind = classifyPath(path, abs);
    if (ctx.requireReleases && kind !== "helm-releases" && kind !== "helmfile" && path !== "-") {
      throw new InputError([{ file: path, message: `--releases: ${path} has no kubegate.yaml \`releases:\` and no helmfile` }]);
    }
    // Only a real folder may be (or be inside) a GitOps repository; files and special files go to the loader.
    const gitops = (kind === "manifests" || kind === "kustomization") && isFolder(abs) ? await gitopsAt(abs, ctx.cwd) : undefined;
    if (gitops) await addGitOps(read, gitops, ctx);
    else if (kind === "helm-releases" || kind === "helmfile") await addReleases(read, abs, shown, kind, ctx);
    else if (kind === "kustomization") await addKustomization(read, abs, shown, ctx);
    // Only a real folder is searched for kustomizations; files, special files (FIFOs, devices) and
    // missing paths go to the loader, which reads or refuses each by name.
    else if (kind === "manifests" && isFolder(abs)) await addFolder(read, abs, shown, manifests, ctx);
    else {
      manifests.push(path === "-" ? path : abs);
      read.units.push({ kind: kind === "stdin" ? "stdin" : "manifests", path: shown, side: ctx.side });
    }
  }
  if (manifests.length > 0) appendAll(read.objects, await loadManifests(manifests, { cwd: ctx.cwd, ...readLimits(ctx) }));
  refuseOverlaps(read.objects, (o) => builtFrom.get(o) ?? o.source.file);
  return read;
}

async function addReleases(read: SideRead, abs: string, shown: string, kind: "helm-releases" | "helmfile", ctx: SideContext): Promise<void> {
  if (read.releases) throw new InputError([{ file: shown, message: `--${ctx.side}: one platform tree with releases per side (got ${read.releases.shownRoot || "."} and ${shown})` }]);
  const config = await treeConfig(abs, shown);
  if (config) read.config = config;
  const defaultNamespace = ctx.config?.defaultNamespace ?? config?.defaultNamespace ?? "default";
  if (kind === "helm-releases") {
    read.releases = await discoverReleases(abs, { shownRoot: shown === "." ? "" : shown, defaultNamespace });
    read.units.push({ kind: "helm", path: shown, side: ctx.side, releases: read.releases?.releases.length ?? 0 });
    return;
  }
  ctx.logger.info(`${ctx.side}: helmfile ${shown}${ctx.environment ? ` (environment ${ctx.environment})` : ""}`);
  const [helmfile, helm] = [await pinnedTool("helmfile", ctx.logger, ctx.signal), await helmFor(ctx.logger, ctx.signal)];
  const chartRepos = { ...chartReposOf(config, abs), ...chartReposOf(ctx.config, ctx.cwd), ...(ctx.chartRepos ? resolveRepos(ctx.chartRepos, ctx.cwd) : {}) };
  const result = await readHelmfile(abs, {
    helmfile, helm: helm.path, treeRoot: treeRootOf(abs), shownDir: shown, chartRepos, defaultNamespace,
    ...(ctx.environment ? { environment: ctx.environment } : {}), ...(ctx.stateValues ? { stateValues: ctx.stateValues } : {}), ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  read.releases = result.set;
  read.notes.push(...result.notes.map((n) => `${ctx.side}: ${n}`));
  read.units.push({ kind: "helmfile", path: shown, side: ctx.side, releases: result.set.releases.length, environment: ctx.environment ?? "default" });
}

async function addKustomization(read: SideRead, abs: string, shown: string, ctx: SideContext): Promise<void> {
  ctx.logger.info(`${ctx.side}: kustomize build ${shown}`);
  const kustomize = await pinnedTool("kustomize", ctx.logger, ctx.signal);
  const helm = await helmFor(ctx.logger, ctx.signal).catch(() => undefined);
  const root = treeRootOf(abs);
  const shownRoot = relative(abs, root) === "" ? shown : shownOfRoot(abs, root, shown);
  const built = await buildKustomization(abs, { kustomize, root, shownRoot, ...(helm ? { helm: helm.path } : {}), ...(ctx.signal ? { signal: ctx.signal } : {}) });
  for (const object of built) builtFrom.set(object, `${shown}/kustomization.yaml`);
  appendAll(read.objects, built);
  read.units.push({ kind: "kustomize", path: shown, side: ctx.side });
}

/**
 * A GitOps repository read from a folder in it: Flux clusters and Argo CD Applications declared
 * there (the whole repository from its root), each as its controller would apply it.
 */
async function addGitOps(read: SideRead, at: GitOpsSelection, ctx: SideContext): Promise<void> {
  const kustomize = await pinnedTool("kustomize", ctx.logger, ctx.signal);
  const helm = await helmFor(ctx.logger, ctx.signal).catch(() => undefined);
  const chartRepos = { ...chartReposOf(ctx.config, ctx.cwd), ...(ctx.chartRepos ? resolveRepos(ctx.chartRepos, ctx.cwd) : {}) };
  const gitops = await readGitOps(at.root, at.index, at.within, { kustomize, chartRepos, logger: ctx.logger, ...(helm ? { helm } : {}), ...(ctx.signal ? { signal: ctx.signal } : {}) });
  read.cleanups.push(gitops.dispose);
  read.clusters = [...(read.clusters ?? []), ...gitops.clusters];
  read.notes.push(...gitops.notes.map((n) => `${ctx.side}: ${n}`));
  for (const c of gitops.clusters) read.units.push({ kind: c.tool, path: c.name, side: ctx.side, cluster: c.name, gitopsUnits: c.units.length, releases: c.releases.length });
}

/** A folder that holds kustomizations deeper down: each top one built, the files around them loaded. */
async function addFolder(read: SideRead, abs: string, shown: string, manifests: string[], ctx: SideContext): Promise<void> {
  const layout = await kustomizeLayout(abs);
  if (!layout) {
    manifests.push(abs);
    read.units.push({ kind: "manifests", path: shown, side: ctx.side });
    return;
  }
  for (const root of layout.roots) await addKustomization(read, root, joinShown(shown, relative(abs, root)), ctx);
  if (layout.manifests.length > 0) {
    appendAll(manifests, layout.manifests);
    read.units.push({ kind: "manifests", path: shown, side: ctx.side });
  }
}

async function treeConfig(abs: string, shown: string): Promise<KubegateConfig | undefined> {
  const file = join(abs, "kubegate.yaml");
  return existsSync(file) ? parseConfig(await readFile(file, "utf8"), joinShown(shown, "kubegate.yaml")) : undefined;
}

function chartReposOf(config: KubegateConfig | undefined, base: string): Record<string, string> {
  return config?.chartRepos ? resolveRepos(config.chartRepos, base) : {};
}

function resolveRepos(repos: Record<string, string>, base: string): Record<string, string> {
  return Object.fromEntries(Object.entries(repos).map(([name, folder]) => [name, resolve(base, folder)]));
}

/** The repository around a folder (nearest `.git`), else the folder: what helmfile's copy and origins may reach. */
export function treeRootOf(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, ".git"))) return d;
    if (dirname(d) === d) return dir;
  }
}

function shownOf(path: string, abs: string, ctx: SideContext): string {
  if (path === "-") return "<stdin>";
  const rel = relative(ctx.cwd, abs);
  if (ctx.shownCwd !== undefined) return joinShown(ctx.shownCwd, rel);
  return rel.startsWith("..") || isAbsolute(rel) ? path : rel || ".";
}

function shownOfRoot(abs: string, root: string, shown: string): string {
  const up = relative(abs, root);
  return joinShown(shown, up);
}

function joinShown(a: string, b: string): string {
  const parts = [a, b].filter((p) => p && p !== ".");
  return parts.length ? join(...parts) : ".";
}

function readLimits(ctx: SideContext): ReadOptions {
  return {
    ...(ctx.maxFileBytes ? { maxFileBytes: ctx.maxFileBytes } : {}),
    ...(ctx.limits ? { limits: ctx.limits } : {}),
    ...(ctx.note ? { note: ctx.note } : {}),
    ...(ctx.stdin ? { stdin: ctx.stdin } : {}),
  };
}
