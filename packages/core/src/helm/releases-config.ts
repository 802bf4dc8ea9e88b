import { existsSync, readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import yaml from "js-yaml";
import type { KubegateConfig, ReleaseConfig } from "../config/config.js";
import { parseConfig } from "../config/load-config.js";
import { InputError, type InputProblem } from "../model/input-error.js";
import type { Release, ReleaseSet, ValuesSource } from "./releases.js";

type Location = { file: string; line?: number };

export const HELMFILE_NAMES = ["helmfile.yaml", "helmfile.yml"] as const;
const TEMPLATED_HELMFILE_NAMES = ["helmfile.yaml.gotmpl", "helmfile.yml.gotmpl", "helmfile.d"] as const;

export interface DiscoverOptions {
  /** How messages show `root` (the path the user typed, or "" for the repository root). */
  shownRoot?: string;
  /** Namespace of releases that name none (kubegate.yaml defaultNamespace, else "default"). */
  defaultNamespace?: string;
}

/**
 * The releases of a platform tree: kubegate.yaml `releases:` when it has any, else a plain-YAML
 * `helmfile.yaml`. Returns undefined when the folder declares no releases at all.
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
  for (const name of HELMFILE_NAMES) {
    const file = join(dir, name);
    if (existsSync(file)) return parseHelmfile(await readFile(file, "utf8"), dir, name, options);
  }
  for (const name of TEMPLATED_HELMFILE_NAMES) {
    if (existsSync(join(dir, name))) {
      const what = name === "helmfile.d" ? "a folder of helmfiles" : "a templated helmfile";
      throw new InputError([{ file: shown(options.shownRoot, name), message: `${name} is ${what}: kubegate reads plain YAML helmfiles only (one helmfile.yaml, no Go templates) and does not run helmfile; list the releases in kubegate.yaml \`releases:\` (or keep a plain helmfile.yaml)` }]);
    }
  }
  return undefined;
}

/** Whether a folder declares releases (kubegate.yaml `releases:` or a helmfile), without validating them. */
export function declaresReleases(root: string): boolean {
  if (!existsSync(root) || !statSync(root).isDirectory()) return false;
  if ([...HELMFILE_NAMES, ...TEMPLATED_HELMFILE_NAMES].some((n) => existsSync(join(root, n)))) return true;
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
    const chart = chartOf(root, entry.chart, options.shownRoot, at, problems, `releases[${i}].chart`, new Set());
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

interface HelmfileRelease {
  name?: unknown;
  namespace?: unknown;
  chart?: unknown;
  values?: unknown;
  set?: unknown;
  installed?: unknown;
}

/**
 * A plain-YAML helmfile: `releases:` entries with name, namespace, chart (a local folder or .tgz),
 * values (files, or inline maps) and set ({name, value}). Go templates (`{{ }}`), `bases:`,
 * `helmfiles:` and `.gotmpl` values are refused with a message saying so: kubegate does not run
 * helmfile, it reads the release list.
 */
export function parseHelmfile(text: string, root: string, name = "helmfile.yaml", options: DiscoverOptions = {}): ReleaseSet {
  const file = shown(options.shownRoot, name);
  const templateLine = text.split("\n").findIndex((l) => l.includes("{{") && !l.trimStart().startsWith("#"));
  if (templateLine >= 0) {
    throw new InputError([{ file, line: templateLine + 1, message: `${name} uses Go templates ({{ ... }}): kubegate reads plain YAML helmfiles only and does not run helmfile's templating; list the releases in kubegate.yaml \`releases:\` instead` }]);
  }
  let docs: unknown[];
  try {
    docs = yaml.loadAll(text, undefined, { filename: file });
  } catch (error) {
    const line = error instanceof yaml.YAMLException && error.mark ? error.mark.line + 1 : undefined;
    throw new InputError([{ file, ...(line ? { line } : {}), message: `invalid YAML: ${error instanceof yaml.YAMLException ? error.reason : String(error)}` }]);
  }
  const problems: InputProblem[] = [];
  const lines = text.split("\n");
  const entries: HelmfileRelease[] = [];
  const repositories = new Set<string>();
  for (const doc of docs) {
    if (doc === null || doc === undefined) continue;
    if (typeof doc !== "object" || Array.isArray(doc)) {
      problems.push({ file, message: "a helmfile document must be a mapping with `releases:`" });
      continue;
    }
    const d = doc as Record<string, unknown>;
    for (const unsupported of ["bases", "helmfiles"]) {
      if (d[unsupported] !== undefined) problems.push({ file, ...lineAt(lines, `${unsupported}:`), message: `\`${unsupported}:\` is not supported: kubegate reads the releases of one plain helmfile; list them in kubegate.yaml \`releases:\` instead` });
    }
    if (Array.isArray(d.repositories)) for (const r of d.repositories as Array<{ name?: unknown }>) if (typeof r?.name === "string") repositories.add(r.name);
    if (d.releases === undefined) continue;
    if (!Array.isArray(d.releases)) {
      problems.push({ file, ...lineAt(lines, "releases:"), message: "`releases:` must be a list" });
      continue;
    }
    entries.push(...(d.releases as HelmfileRelease[]));
  }
  const releases: Release[] = [];
  entries.forEach((entry, i) => {
    if (entry === null || typeof entry !== "object") {
      problems.push({ file, message: `releases[${i}] is not a mapping` });
      return;
    }
    const releaseName = typeof entry.name === "string" ? entry.name : undefined;
    const line = releaseName ? lineOfRelease(lines, releaseName, entries.slice(0, i).filter((e) => e?.name === releaseName).length) : undefined;
    const at = { file, ...(line ? { line } : {}) };
    if (!releaseName || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(releaseName) || releaseName.length > 53) {
      problems.push({ ...at, message: `releases[${i}].name must be a Helm release name (lower-case DNS name, at most 53 characters)` });
      return;
    }
    if (entry.installed === false) return;
    if (typeof entry.chart !== "string" || entry.chart === "") {
      problems.push({ ...at, message: `release ${releaseName}: chart is required` });
      return;
    }
    if (entry.namespace !== undefined && typeof entry.namespace !== "string") problems.push({ ...at, message: `release ${releaseName}: namespace must be a string` });
    const chart = chartOf(root, entry.chart, options.shownRoot, at, problems, `release ${releaseName} chart`, repositories);
    const values: ValuesSource[] = [];
    const rawValues = entry.values === undefined ? [] : Array.isArray(entry.values) ? entry.values : undefined;
    if (!rawValues) problems.push({ ...at, message: `release ${releaseName}: values must be a list` });
    (rawValues ?? []).forEach((v: unknown, j: number) => {
      if (typeof v === "string") {
        if (v.endsWith(".gotmpl")) problems.push({ ...at, message: `release ${releaseName}: values file ${v} is a helmfile template; kubegate does not run helmfile's templating` });
        else values.push(valuesFile(root, v, options.shownRoot, at, problems, `release ${releaseName} values`));
      } else if (v !== null && typeof v === "object" && !Array.isArray(v)) {
        const key = `${name} releases[${i}].values[${j}]`;
        values.push({ kind: "inline", values: v as Record<string, unknown>, key, shown: `${shown(options.shownRoot, name)} (release ${releaseName}, inline values ${j + 1})` });
      } else problems.push({ ...at, message: `release ${releaseName}: values[${j}] must be a file name or a mapping` });
    });
    const set: Record<string, unknown> = {};
    const rawSet = entry.set === undefined ? [] : Array.isArray(entry.set) ? entry.set : undefined;
    if (!rawSet) problems.push({ ...at, message: `release ${releaseName}: set must be a list of {name, value}` });
    for (const s of rawSet ?? []) {
      const item = s as { name?: unknown; value?: unknown; file?: unknown };
      if (item === null || typeof item !== "object" || typeof item.name !== "string" || item.file !== undefined || !("value" in item)) {
        problems.push({ ...at, message: `release ${releaseName}: set entries must be {name, value} (set.file is not supported)` });
        continue;
      }
      set[item.name] = item.value;
    }
    releases.push({
      name: releaseName,
      namespace: typeof entry.namespace === "string" && entry.namespace !== "" ? entry.namespace : options.defaultNamespace ?? "default",
      ...chart,
      values,
      set,
      declaredIn: at,
    });
  });
  checkUnique(releases, problems);
  if (problems.length > 0) throw new InputError(problems);
  return { root, shownRoot: options.shownRoot ?? "", origin: name, releases };
}

function chartOf(root: string, chart: string, shownRoot: string | undefined, at: Location, problems: InputProblem[], what: string, repositories: ReadonlySet<string>): Pick<Release, "chart" | "chartShown" | "chartKey"> {
  const path = isAbsolute(chart) ? chart : resolve(root, chart);
  const key = relKey(root, path);
  const result = { chart: path, chartKey: key, chartShown: shown(shownRoot, key) };
  if (!existsSync(path)) {
    const remote = /^(oci|https?):\/\//.test(chart) || repositories.has(chart.split("/")[0]!);
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

function checkUnique(releases: Release[], problems: InputProblem[]): void {
  const seen = new Map<string, Release>();
  for (const r of releases) {
    const first = seen.get(r.name);
    if (first) problems.push({ ...r.declaredIn, message: `release ${r.name} is declared twice (first at line ${first.declaredIn.line ?? "?"}); Helm release names are unique` });
    else seen.set(r.name, r);
  }
}

/** Line of `name: <release>` (the n-th declaration of that name: duplicates point at themselves). */
function lineOfRelease(lines: string[], name: string, occurrence: number): number | undefined {
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
