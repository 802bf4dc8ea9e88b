import { existsSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import yaml from "js-yaml";
import { splitDocuments } from "../../load/split-documents.js";
import { argocdAppsValues } from "./argocd-apps-values.js";

/** A GitOps object as found in the repository: the parsed object and where it is declared. */
export interface Declared {
  object: GitOpsObject;
  /** Repository-relative file ("/"-separated) and 1-based line of the document. */
  file: string;
  line: number;
}

export interface GitOpsObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, unknown>;
}

/** Everything GitOps a repository declares, by kind. */
export interface GitOpsIndex {
  fluxKustomizations: Declared[];
  helmReleases: Declared[];
  applications: Declared[];
  applicationSets: Declared[];
  /** GitRepository, OCIRepository, HelmRepository, Bucket, ExternalArtifact, ArtifactGenerator. */
  sources: Declared[];
  /** ConfigMaps and Secrets (postBuild.substituteFrom, valuesFrom). */
  configs: Declared[];
  /** Helm charts whose templates make Argo CD Applications (app of apps), repository-relative. */
  applicationCharts: string[];
}

const FLUX_KUSTOMIZE = "kustomize.toolkit.fluxcd.io/";
const FLUX_HELM = "helm.toolkit.fluxcd.io/";
const ARGO = "argoproj.io/";
const SOURCE_KINDS = new Set(["GitRepository", "OCIRepository", "HelmRepository", "Bucket", "ExternalArtifact", "ArtifactGenerator"]);
/** Files past this size are rendered manifests (gotk-components.yaml), not GitOps declarations. */
const MAX_SCANNED_BYTES = 2 * 1024 * 1024;
/** Alias uses past which a declaration is not expanded (no real Kustomization or Application has many). */
const MAX_ALIASES = 64;

export function emptyIndex(): GitOpsIndex {
  return { fluxKustomizations: [], helmReleases: [], applications: [], applicationSets: [], sources: [], configs: [], applicationCharts: [] };
}

/** True when the repository declares something only a GitOps controller renders. */
export function isGitOps(index: GitOpsIndex): boolean {
  return index.fluxKustomizations.length + index.helmReleases.length + index.applications.length + index.applicationSets.length + index.applicationCharts.length > 0;
}

/**
 * Reads every YAML file of a repository (hidden folders, node_modules and Helm charts' templates
 * aside) for the objects a GitOps controller acts on. Files that are no YAML (templates) are
 * skipped: they are read, if at all, by the unit that renders them.
 */
export async function scanRepository(root: string): Promise<GitOpsIndex> {
  const index = emptyIndex();
  const charts: string[] = [];
  const files = await yamlFiles(root, [], charts);
  const texts = new Map<string, string>();
  for (const file of files) {
    const text = await readFile(file, "utf8").catch(() => "");
    if (/fluxcd\.io|argoproj\.io/.test(text)) texts.set(file, text);
  }
  for (const chart of charts) {
    const shown = relative(root, chart).split(sep).join("/") || ".";
    if (await makesApplications(chart)) index.applicationCharts.push(shown);
    for (const d of argocdAppsValues(chart, shown)) (d.object.kind === "Application" ? index.applications : index.applicationSets).push(d);
  }
  // ConfigMaps and Secrets matter only to a GitOps repository: a plain one is not parsed further.
  if (texts.size === 0 && !isGitOps(index)) return index;
  for (const file of files) {
    const text = texts.get(file) ?? (await readFile(file, "utf8").catch(() => ""));
    if (texts.has(file) || /kind:\s*(ConfigMap|Secret)/.test(text)) addDocuments(index, text, relative(root, file).split(sep).join("/"));
  }
  return index;
}

export function addDocuments(index: GitOpsIndex, text: string, file: string): void {
  for (const doc of splitDocuments(text)) {
    // A hostile document (aliases expanding into millions of nodes) is left to the loader, which
    // reads it under its limits and says why; the GitOps probe does not expand it.
    if ((doc.text.match(/(^|[\s[{,:-])\*[\w-]+/g)?.length ?? 0) > MAX_ALIASES) continue;
    let value: unknown;
    try {
      value = yaml.load(doc.text);
    } catch {
      continue;
    }
    if (!isObject(value)) continue;
    const declared = { object: value, file, line: doc.line };
    const { apiVersion, kind } = value;
    if (apiVersion.startsWith(FLUX_KUSTOMIZE) && kind === "Kustomization") index.fluxKustomizations.push(declared);
    else if (apiVersion.startsWith(FLUX_HELM) && kind === "HelmRelease") index.helmReleases.push(declared);
    else if (apiVersion.startsWith(ARGO) && kind === "Application") index.applications.push(declared);
    else if (apiVersion.startsWith(ARGO) && kind === "ApplicationSet") index.applicationSets.push(declared);
    else if (apiVersion.includes("fluxcd.io/") && SOURCE_KINDS.has(kind)) index.sources.push(declared);
    else if (apiVersion === "v1" && (kind === "ConfigMap" || kind === "Secret")) index.configs.push(declared);
  }
}

function isObject(value: unknown): value is GitOpsObject {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  const meta = v.metadata as Record<string, unknown> | undefined;
  return typeof v.apiVersion === "string" && typeof v.kind === "string" && !!meta && typeof meta === "object" && typeof meta.name === "string";
}

async function yamlFiles(dir: string, out: string[] = [], charts: string[] = []): Promise<string[]> {
  if (existsSync(join(dir, "Chart.yaml"))) {
    charts.push(dir);
    return out;
  }
  // An unreadable folder or file is the loader's to name (it reads the same paths); the probe skips it.
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await yamlFiles(path, out, charts);
    else if (entry.isFile() && /\.ya?ml$/i.test(entry.name) && ((await stat(path).catch(() => undefined))?.size ?? Infinity) <= MAX_SCANNED_BYTES) out.push(path);
  }
  return out;
}

/** `namespace/name` of a declared object, its namespace defaulted to the one given. */
export function nameOf(object: GitOpsObject, defaultNamespace = "default"): string {
  return `${object.metadata.namespace ?? defaultNamespace}/${object.metadata.name}`;
}

/** A chart whose templates declare Argo CD Applications: the app-of-apps pattern. */
async function makesApplications(chart: string): Promise<boolean> {
  const templates = join(chart, "templates");
  if (!existsSync(templates)) return false;
  for (const entry of await readdir(templates, { withFileTypes: true }).catch(() => [])) {
    if (!entry.isFile() || !/\.(ya?ml|tpl)$/.test(entry.name)) continue;
    const text = await readFile(join(templates, entry.name), "utf8").catch(() => "");
    if (text.includes("argoproj.io/") && /kind:\s*Application\b/.test(text)) return true;
  }
  return false;
}
