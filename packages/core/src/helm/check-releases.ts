import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { isAbsolute, relative, resolve } from "node:path";
import type { KubegateConfig } from "../config/config.js";
import { parseConfig } from "../config/load-config.js";
import { loadManifests } from "../load/load-manifests.js";
import type { ReadOptions } from "../load/read-sources.js";
import type { LocatedObject } from "../load/to-objects.js";
import { InputError } from "../model/input-error.js";
import { DEFAULT_KUBE_VERSION } from "../rules/rule.js";
import { findHelm, type HelmBinary } from "./helm-binary.js";
import { declaresReleases, discoverReleases } from "./releases-config.js";
import type { HelmContext, ReleaseSet } from "./releases.js";
import { renderSides } from "./render-all.js";

/** One side of a change: manifest paths to load, and at most one platform tree whose releases render. */
export interface SideInput {
  paths: string[];
  releases?: ReleaseSet;
  /** The platform tree's kubegate.yaml, for rule settings when the caller has none. */
  config?: KubegateConfig;
}

/**
 * Splits `--base`/`--head` paths: a folder with kubegate.yaml `releases:` or a helmfile is a platform
 * tree and renders; anything else loads as manifests. With `requireReleases` (`--releases`) every
 * folder must declare releases.
 */
export async function resolveSide(paths: string[], options: { cwd: string; requireReleases?: boolean; defaultNamespace?: string; label: string }): Promise<SideInput> {
  const manifestPaths: string[] = [];
  const platforms: string[] = [];
  for (const path of paths) {
    const abs = isAbsolute(path) ? path : resolve(options.cwd, path);
    if (path !== "-" && declaresReleases(abs)) platforms.push(path);
    else if (options.requireReleases && path !== "-") throw new InputError([{ file: path, message: `--releases: ${path} has no kubegate.yaml \`releases:\` and no helmfile.yaml` }]);
    else manifestPaths.push(path);
  }
  if (platforms.length > 1) throw new InputError([{ file: platforms[1]!, message: `--${options.label}: one platform tree with releases per side (got ${platforms.join(", ")})` }]);
  if (platforms.length === 0) return { paths: manifestPaths };
  return { paths: manifestPaths, ...(await platformTree(platforms[0]!, options.cwd, platforms[0]!, options.defaultNamespace)) };
}

/** The releases (and kubegate.yaml) of a platform tree at `dir`, shown as `shownRoot` in messages. */
export async function platformTree(dir: string, cwd: string, shownRoot: string, defaultNamespace?: string): Promise<{ releases?: ReleaseSet; config?: KubegateConfig }> {
  const abs = isAbsolute(dir) ? dir : resolve(cwd, dir);
  const shown = shownRoot === "" ? "" : isAbsolute(shownRoot) ? relative(cwd, shownRoot) || "." : shownRoot;
  const releases = await discoverReleases(abs, { shownRoot: shown, ...(defaultNamespace ? { defaultNamespace } : {}) });
  const configFile = resolve(abs, "kubegate.yaml");
  const config = existsSync(configFile) ? parseConfig(await readFile(configFile, "utf8"), shown ? `${shown}/kubegate.yaml` : "kubegate.yaml") : undefined;
  return { ...(releases ? { releases } : {}), ...(config ? { config } : {}) };
}

export interface RenderedChange {
  base: LocatedObject[];
  head: LocatedObject[];
  helm?: HelmContext;
  /** One line for stderr: how many releases rendered, with which helm, in how long. */
  summary?: string;
}

export interface LoadAndRenderOptions {
  kubeVersion?: string;
  read?: ReadOptions;
  helm?: HelmBinary;
  log?: (line: string) => void;
  signal?: AbortSignal;
  concurrency?: number;
  /** Names for the sides in the summary ("main", "HEAD"). */
  labels?: { base: string; head: string };
}

/**
 * Loads the manifest paths of both sides and renders their releases (parallel, bounded by the
 * cores). Releases failing on both sides are one InputError listing all of them.
 */
export async function loadAndRender(base: SideInput, head: SideInput, options: LoadAndRenderOptions = {}): Promise<RenderedChange> {
  const load = (paths: string[]): Promise<LocatedObject[]> => (paths.length > 0 ? loadManifests(paths, options.read) : Promise.resolve([]));
  const [baseObjects, headObjects] = [await load(base.paths), await load(head.paths)];
  if (!base.releases && !head.releases) return { base: baseObjects, head: headObjects };
  const helm = options.helm ?? (await findHelm({ ...(options.log ? { log: options.log } : {}), ...(options.signal ? { signal: options.signal } : {}) }));
  const concurrency = options.concurrency ?? availableParallelism();
  const kubeVersion = options.kubeVersion ?? DEFAULT_KUBE_VERSION;
  const rendered = await renderSides(base.releases, head.releases, {
    helm, kubeVersion, concurrency,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (rendered.problems.length > 0) throw new InputError(rendered.problems);
  const count = (side: "base" | "head"): number => rendered.helm.releases.filter((r) => r[side]).length;
  const failed = rendered.helm.releases.filter((r) => (r.base && !r.base.outcome.ok) || (r.head && !r.head.outcome.ok)).length;
  const labels = options.labels ?? { base: "base", head: "head" };
  const summary = `helm ${helm.version}: rendered ${count("base")} release(s) at ${labels.base} and ${count("head")} at ${labels.head} (kube-version ${kubeVersion}, ${concurrency} in parallel) in ${rendered.seconds.toFixed(1)}s${failed ? `, ${failed} failed` : ""}`;
  return { base: [...baseObjects, ...rendered.base], head: [...headObjects, ...rendered.head], helm: rendered.helm, summary };
}
