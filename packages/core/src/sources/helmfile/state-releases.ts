import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import yaml from "js-yaml";
import { splitDocuments } from "../../load/split-documents.js";
import { lineOfRelease } from "../../helm/releases-config.js";
import type { Release } from "../../helm/releases.js";
import { valuesWithProvenance } from "./values-provenance.js";

/** One release of a rendered helmfile state, as `helmfile build` prints it. */
interface StateRelease {
  name?: string;
  namespace?: string;
  chart?: string;
  version?: string;
  values?: unknown[];
  secrets?: unknown[];
  set?: Array<{ name?: string; value?: unknown; values?: unknown[]; file?: string }>;
  installed?: boolean;
}

interface StateDoc {
  namespace?: string;
  repositories?: Array<{ name?: string; url?: string; oci?: boolean }>;
  releases?: StateRelease[];
}

export interface StateReadOptions {
  /** The working copy's root and the original tree it was copied from (paths map back). */
  copyRoot: string;
  treeRoot: string;
  /** The helmfile folder (original), the ReleaseSet root, and how messages show it. */
  dir: string;
  shownDir: string;
  /** Repository name -> local folder holding its charts. */
  chartRepos: Record<string, string>;
  defaultNamespace: string;
  /** `namespace/name` of releases helmfile lists as disabled (condition false) or not installed. */
  disabled: ReadonlySet<string>;
}

export interface StateReleases {
  releases: Release[];
  /** Releases whose chart is not available offline, and secrets not decrypted. */
  notes: string[];
}

/**
 * The releases of `helmfile build --embed-values` output, charts resolved offline; `namedOutput`
 * (plain `helmfile build`) tells which values came from which file.
 */
export function releasesOfState(output: string, options: StateReadOptions, namedOutput?: string): StateReleases {
  const releases: Release[] = [];
  const notes: string[] = [];
  const named = namedOutput === undefined ? [] : splitDocuments(namedOutput).map((d) => yaml.load(d.text) as StateDoc | null);
  for (const [index, doc] of splitDocuments(output).entries()) {
    const state = yaml.load(doc.text) as StateDoc | null;
    const namedReleases = named[index]?.releases;
    if (!state?.releases) continue;
    const stateFile = doc.helmSource ? originalPath(doc.helmSource, options) : join(options.dir, "helmfile.yaml");
    const shownFile = shownPath(stateFile, options);
    const lines = existsSync(stateFile) ? readFileSync(stateFile, "utf8").split("\n") : [];
    const seen = new Map<string, number>();
    const repositories = new Map((state.repositories ?? []).map((r) => [r.name ?? "", r]));
    for (const entry of state.releases) {
      const name = entry.name ?? "";
      const namespace = entry.namespace || state.namespace || options.defaultNamespace;
      const occurrence = seen.get(name) ?? 0;
      seen.set(name, occurrence + 1);
      if (entry.installed === false || options.disabled.has(`${namespace}/${name}`)) continue;
      const line = name ? lineOfRelease(lines, name, occurrence) : undefined;
      const at = { file: shownFile, ...(line ? { line } : {}) };
      const chart = resolveChart(entry, dirname(stateFile), repositories, options);
      if ("note" in chart) {
        notes.push(`release ${name} (namespace ${namespace}): chart ${entry.chart ?? "?"} ${chart.note}`);
        continue;
      }
      if (entry.secrets && entry.secrets.length > 0) notes.push(`release ${name} (namespace ${namespace}): ${entry.secrets.length} secrets file(s) not decrypted (kubegate reads no sops/vals secrets)`);
      const twin = namedReleases?.[state.releases.indexOf(entry)];
      const values = valuesWithProvenance(
        {
          embedded: entry.values ?? [],
          ...(twin && twin.name === entry.name && twin.namespace === entry.namespace ? { named: twin.values ?? [] } : {}),
          stateDir: dirname(stateFile),
          treeRoot: options.treeRoot,
          inline: (j) => ({ key: `${relKey(options.dir, stateFile)}#${namespace}/${name}#values[${j}]`, shown: `${shownFile} (release ${name}, values ${j + 1})` }),
        },
        { key: (path) => relKey(options.dir, path), shown: (path) => shownPath(path, options) },
      );
      const set: Record<string, unknown> = {};
      for (const s of entry.set ?? []) if (typeof s?.name === "string" && "value" in s) set[s.name] = s.value;
      releases.push({ name, namespace, ...chart, values, set, declaredIn: at });
    }
  }
  return { releases, notes };
}

type ChartPaths = Pick<Release, "chart" | "chartShown" | "chartKey">;

/**
 * A local chart folder or .tgz (relative to the state file), or `repo/chart` of a repository the
 * user mapped to a folder (`--chart-repo`, kubegate.yaml `chartRepos:`); anything else would need
 * the network and is a note, never a download.
 */
function resolveChart(entry: StateRelease, base: string, repositories: Map<string, unknown>, options: StateReadOptions): ChartPaths | { note: string } {
  const chart = entry.chart ?? "";
  if (chart === "") return { note: "is empty" };
  if (/^oci:\/\//.test(chart)) return { note: "is an OCI chart: not available offline" };
  const local = isAbsolute(chart) ? chart : resolve(base, chart);
  const [repo, ...rest] = chart.split("/");
  // A repository the user mapped counts even when the state declares it in a file kubegate could not read.
  const isRepoChart = rest.length > 0 && (repositories.has(repo!) || options.chartRepos[repo!] !== undefined) && !/^\.\.?\//.test(chart) && !existsSync(local);
  if (!isRepoChart) {
    if (!existsSync(local)) return { note: "is not a local chart (no such folder or .tgz)" };
    return chartPaths(local, options);
  }
  const folder = options.chartRepos[repo!];
  if (!folder) return { note: `is from repository ${repo}: not available offline (map it to a folder with --chart-repo ${repo}=PATH or kubegate.yaml chartRepos)` };
  const name = rest.join("/");
  const candidates = [join(folder, name), ...(entry.version ? [join(folder, `${name}-${entry.version}.tgz`)] : [])];
  const found = candidates.find((c) => existsSync(c) && (statSync(c).isFile() || existsSync(join(c, "Chart.yaml"))));
  return found ? chartPaths(found, options) : { note: `is not in ${folder} (mapped for repository ${repo})` };
}

function chartPaths(path: string, options: StateReadOptions): ChartPaths {
  const key = relKey(options.dir, path);
  return { chart: path, chartKey: key, chartShown: shownPath(path, options) };
}

/** A path in the working copy -> the same path in the user's tree. */
function originalPath(path: string, options: StateReadOptions): string {
  const rel = relative(options.copyRoot, path);
  if (rel.startsWith("..")) return path;
  const original = join(options.treeRoot, rel);
  // A helmfile v0 state file kubegate renamed `<name>.gotmpl` in its copy.
  return !existsSync(original) && original.endsWith(".gotmpl") && existsSync(original.slice(0, -".gotmpl".length)) ? original.slice(0, -".gotmpl".length) : original;
}

function relKey(root: string, path: string): string {
  return relative(root, path).split(sep).join("/") || ".";
}

function shownPath(path: string, options: { dir: string; shownDir: string }): string {
  const rel = relKey(options.dir, path);
  return [options.shownDir, rel].filter((p) => p && p !== ".").join("/") || ".";
}
