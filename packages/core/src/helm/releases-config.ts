import { existsSync, readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import yaml from "js-yaml";
import type { KubegateConfig, ReleaseConfig } from "../config/config.js";
import { parseConfig } from "../config/load-config.js";
import { InputError, type InputProblem } from "../model/input-error.js";
import type { Release, ReleaseSet, ValuesSource } from "./releases.js";

type Location = { file: string; line?: number };


export interface DiscoverOptions {
  /** How messages show `root` (the path the user typed, or "" for the repository root). */
  shownRoot?: string;
  /** Namespace of releases that name none (kubegate.yaml defaultNamespace, else "default"). */
  defaultNamespace?: string;
}

/**
 * The releases of a platform tree's kubegate.yaml `releases:`. Returns undefined when it lists none
 * (helmfiles are read by src/sources with helmfile itself).
 */
export async function discoverReleases(root: string, options: DiscoverOptions = {}): Promise<ReleaseSet | undefined> {
  const dir = resolve(root);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return undefined;
  const configFile = join(dir, "kubegate.yaml");
  if (existsSync(configFile)) {
    const text = await readFile(configFile, "utf8");
    const config = parseConfig(text, shown(options.shownRoot, "kubegate.yaml"));
    if (config.releases && config.releases.length > 0) {
      return releasesFromConfig(config, text, dir, { ...options, ...(config.defaultNamespace && !options.defaultNamespace ? { defaultNamespace: config.defaultNamespace } : {}) });
    }
  }
  return undefined;
}

/** Whether a folder declares releases in kubegate.yaml `releases:`, without validating them (helmfiles: src/sources). */
export function declaresReleases(root: string): boolean {
  if (!existsSync(root) || !statSync(root).isDirectory()) return false;
  const configFile = join(root, "kubegate.yaml");
  if (!existsSync(configFile)) return false;
  try {
    const value = yaml.load(readFileSync(configFile, "utf8")) as { releases?: unknown } | null;
    return Array.isArray(value?.releases) && value.releases.length > 0;
  } catch {
    return true; // let discoverReleases report the broken file
  }
}

/** kubegate.yaml `releases:` (already schema-checked by parseConfig) -> releases with checked paths. */
export function releasesFromConfig(config: KubegateConfig, text: string, root: string, options: DiscoverOptions = {}): ReleaseSet {
  const file = shown(options.shownRoot, "kubegate.yaml");
  const problems: InputProblem[] = [];
  const lines = text.split("\n");
  const all = config.releases ?? [];
  const releases = all.map((entry: ReleaseConfig, i) => {
    const line = lineOfRelease(lines, entry.name, all.slice(0, i).filter((e) => e.name === entry.name).length);
    const at = { file, ...(line ? { line } : {}) };
    const chart = chartOf(root, entry.chart, options.shownRoot, at, problems, `releases[${i}].chart`);
    const values: ValuesSource[] = (entry.values ?? []).map((v) => valuesFile(root, v, options.shownRoot, at, problems, `releases[${i}].values`));
    return {
      name: entry.name,
      namespace: entry.namespace ?? options.defaultNamespace ?? "default",
      ...chart,
      values,
      set: entry.set ?? {},
      declaredIn: at,
    } satisfies Release;
  });
  checkUnique(releases, problems);
  if (problems.length > 0) throw new InputError(problems);
  return { root, shownRoot: options.shownRoot ?? "", origin: "kubegate.yaml", releases };
}

function chartOf(root: string, chart: string, shownRoot: string | undefined, at: Location, problems: InputProblem[], what: string): Pick<Release, "chart" | "chartShown" | "chartKey"> {
  const path = isAbsolute(chart) ? chart : resolve(root, chart);
  const key = relKey(root, path);
  const result = { chart: path, chartKey: key, chartShown: shown(shownRoot, key) };
  if (!existsSync(path)) {
    const remote = /^(oci|https?):\/\//.test(chart);
    problems.push({ ...at, message: `${what}: ${chart} is not a local chart${remote ? " (looks like a repository chart: kubegate renders offline, so vendor the chart folder or .tgz into the repository)" : " (no such folder or .tgz)"}` });
  } else if (statSync(path).isDirectory() && !existsSync(join(path, "Chart.yaml"))) {
    problems.push({ ...at, message: `${what}: ${key} has no Chart.yaml` });
  } else if (statSync(path).isFile() && !/\.tgz$|\.tar\.gz$/.test(path)) {
    problems.push({ ...at, message: `${what}: ${key} is neither a chart folder nor a packaged chart (.tgz)` });
  }
  return result;
}

function valuesFile(root: string, file: string, shownRoot: string | undefined, at: Location, problems: InputProblem[], what: string): ValuesSource {
  const path = isAbsolute(file) ? file : resolve(root, file);
  const key = relKey(root, path);
  if (!existsSync(path) || !statSync(path).isFile()) problems.push({ ...at, message: `${what}: values file ${file} not found` });
  return { kind: "file", path, key, shown: shown(shownRoot, key) };
}

/** Helm release names are unique per namespace (`main` may run in two namespaces). */
export function checkUnique(releases: Release[], problems: InputProblem[]): void {
  const seen = new Map<string, Release>();
  for (const r of releases) {
    const key = `${r.namespace}/${r.name}`;
    const first = seen.get(key);
    if (first) problems.push({ ...r.declaredIn, message: `release ${r.name} is declared twice in namespace ${r.namespace} (first at ${first.declaredIn.file}:${first.declaredIn.line ?? "?"}); Helm release names are unique per namespace` });
    else seen.set(key, r);
  }
}

/** Line of `name: <release>` (the n-th declaration of that name: duplicates point at themselves). */
export function lineOfRelease(lines: string[], name: string, occurrence: number): number | undefined {
  const re = new RegExp(`(^|[\\s{,-])name\\s*:\\s*["']?${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}["']?\\s*([,}#]|$)`);
  const hits = lines.map((l, i) => (re.test(l) ? i + 1 : 0)).filter((n) => n > 0);
  return hits.length > 0 ? hits[Math.min(occurrence, hits.length - 1)] : undefined;
}

function lineAt(lines: string[], prefix: string): { line?: number } {
  const i = lines.findIndex((l) => l.trimStart().startsWith(prefix));
  return i >= 0 ? { line: i + 1 } : {};
}

/** Root-relative, "/"-separated path: the identity of a file across base and head trees. */
export function relKey(root: string, path: string): string {
  return relative(root, path).split(sep).join("/") || ".";
}

export function shown(shownRoot: string | undefined, key: string): string {
  if (!shownRoot || shownRoot === ".") return key;
  return `${shownRoot.replace(/\/+$/, "")}/${key}`;
}
