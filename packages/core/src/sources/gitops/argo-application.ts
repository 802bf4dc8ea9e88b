import { appendAll } from "../../util/append-all.js";
import { existsSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative, resolve, sep } from "node:path";
import yaml from "js-yaml";
import type { Release, ValuesSource } from "../../helm/releases.js";
import { loadManifests } from "../../load/load-manifests.js";
import type { LocatedObject } from "../../load/to-objects.js";
import { buildKustomization } from "../kustomize/build-kustomization.js";
import { kustomizationFile } from "../kustomize/kustomization-files.js";
import { unvendoredDependencies, withoutUnvendored } from "./chart-dependencies.js";
import { asArray } from "./flux-source.js";
import type { Declared } from "./scan-repository.js";
import type { SourceTree } from "./source-tree.js";

export interface ArgoContext {
  repository: SourceTree;
  kustomize: string;
  helm?: string;
  chartRepos: Record<string, string>;
  notes: string[];
  signal?: AbortSignal;
}

/** What one Application puts in its cluster: objects read now, releases rendered later with helm. */
export interface ArgoRead {
  cluster: string;
  objects: LocatedObject[];
  releases: Release[];
}

type Source = Record<string, unknown>;

/** The cluster an Application deploys to, as Argo CD names it ("in-cluster" for the one it runs in). */
export function argoCluster(app: Declared): string {
  const destination = (app.object.spec?.destination ?? {}) as { name?: string; server?: string };
  if (destination.name) return destination.name;
  if (!destination.server || destination.server === "https://kubernetes.default.svc") return "in-cluster";
  return destination.server;
}

/**
 * One Argo CD Application: each of its sources in this repository read as Argo CD's repo-server
 * would (a Helm chart with valueFiles, values, valuesObject and parameters; a kustomization with
 * the Application's kustomize settings; a directory with recurse, include and exclude), objects
 * without a namespace landing in the destination namespace. Remote charts are listed in the notes.
 */
export async function readApplication(app: Declared, ctx: ArgoContext): Promise<ArgoRead> {
  const spec = app.object.spec ?? {};
  const name = app.object.metadata.name;
  const namespace = String((spec.destination as { namespace?: string } | undefined)?.namespace ?? "default");
  const sources: Source[] = Array.isArray(spec.sources) ? asArray(spec.sources) : asArray([spec.source]);
  const refs = new Map(sources.filter((s) => typeof s.ref === "string").map((s) => [String(s.ref), s]));
  const read: ArgoRead = { cluster: argoCluster(app), objects: [], releases: [] };
  const shown = `Application ${app.object.metadata.namespace ?? "argocd"}/${name} (${app.file}:${app.line})`;
  for (const source of sources) {
    if (typeof source.chart === "string") {
      const release = remoteChart(source, name, namespace, app, ctx);
      if (release) read.releases.push(release);
      else ctx.notes.push(`${shown}: chart ${source.chart} ${String(source.targetRevision ?? "")} from ${String(source.repoURL)} is not available offline; its objects are not judged (map it with --chart-repo ${source.chart}=FOLDER)`);
      continue;
    }
    if (typeof source.path !== "string") continue;
    if (source.plugin !== undefined) {
      ctx.notes.push(`${shown}: config management plugin ${String((source.plugin as { name?: string }).name ?? "")} is never run (a pull request's plugins are untrusted); its objects are not judged`);
      continue;
    }
    const dir = resolve(ctx.repository.dir, source.path.replace(/^\.?\/+/, ""));
    if (!dir.startsWith(ctx.repository.dir) || !existsSync(dir) || !statSync(dir).isDirectory()) {
      ctx.notes.push(`${shown}: path ${source.path} of ${String(source.repoURL)} is not a folder of this repository; its objects are not judged`);
      continue;
    }
    if (source.helm !== undefined || existsSync(join(dir, "Chart.yaml"))) {
      const missing = unvendoredDependencies(dir);
      if (missing.length > 0) {
        ctx.notes.push(`${shown}: chart ${source.path} is not available offline in full: its dependencies ${missing.join(", ")} come from chart repositories and are not vendored in charts/; only its own templates are judged`);
        withoutUnvendored(dir, missing);
      }
      read.releases.push(helmRelease(source, dir, name, namespace, app, refs, ctx));
    }
    else if (source.kustomize !== undefined || kustomizationFile(dir)) appendAll(read.objects, inNamespace(await kustomizeSource(source, dir, ctx), namespace));
    else {
      const objects = await directorySource(source, dir, ctx);
      if (objects.length === 0 && (await hasJsonnet(dir))) ctx.notes.push(`${shown}: ${source.path} is Jsonnet, which kubegate does not evaluate; its objects are not judged`);
      appendAll(read.objects, inNamespace(objects, namespace));
    }
  }
  return read;
}

function helmRelease(source: Source, dir: string, app: string, namespace: string, declared: Declared, refs: Map<string, Source>, ctx: ArgoContext): Release {
  const helm = (source.helm ?? {}) as { releaseName?: string; valueFiles?: string[]; values?: string; valuesObject?: Record<string, unknown>; parameters?: Array<{ name: string; value: string }>; ignoreMissingValueFiles?: boolean };
  const chartShown = ctx.repository.shown(relative(ctx.repository.dir, dir));
  const values: ValuesSource[] = [];
  for (const file of helm.valueFiles ?? []) {
    const path = valueFilePath(String(file), dir, refs, ctx);
    if (!path || !existsSync(path)) {
      if (!helm.ignoreMissingValueFiles) ctx.notes.push(`Application ${app}: values file ${String(file)} is not in this repository; left out`);
      continue;
    }
    const key = ctx.repository.shown(relative(ctx.repository.dir, path));
    values.push({ kind: "file", path, key, shown: key });
  }
  const inline = helm.valuesObject ?? (typeof helm.values === "string" ? (yaml.load(helm.values) as Record<string, unknown> | undefined) : undefined);
  if (inline && typeof inline === "object") values.push({ kind: "inline", values: inline, key: `Application ${app} helm.values`, shown: `Application ${app} spec.source.helm.values` });
  const set = Object.fromEntries((helm.parameters ?? []).filter((p) => typeof p?.name === "string").map((p) => [p.name, p.value]));
  return { name: helm.releaseName ?? app, namespace, chart: dir, chartShown, chartKey: chartShown, values, set, declaredIn: { file: declared.file, line: declared.line } };
}

/** `$values/envs/prod.yaml` reads from the source with `ref: values`; plain paths from the chart folder. */
function valueFilePath(file: string, chartDir: string, refs: Map<string, Source>, ctx: ArgoContext): string | undefined {
  const ref = /^\$([^/]+)\/(.*)$/.exec(file);
  const path = ref ? (refs.has(ref[1]!) ? resolve(ctx.repository.dir, ref[2]!) : undefined) : resolve(chartDir, file);
  return path && path.startsWith(ctx.repository.dir) ? path : undefined;
}

function remoteChart(source: Source, app: string, namespace: string, declared: Declared, ctx: ArgoContext): Release | undefined {
  const folder = ctx.chartRepos[String(source.chart)] ?? ctx.chartRepos[String(source.repoURL)];
  const chart = folder && existsSync(join(folder, "Chart.yaml")) ? folder : folder ? join(folder, String(source.chart)) : undefined;
  if (!chart || !existsSync(join(chart, "Chart.yaml"))) return undefined;
  const helm = (source.helm ?? {}) as { releaseName?: string; valuesObject?: Record<string, unknown>; values?: string };
  const inline = helm.valuesObject ?? (typeof helm.values === "string" ? (yaml.load(helm.values) as Record<string, unknown> | undefined) : undefined);
  const values: ValuesSource[] = inline && typeof inline === "object" ? [{ kind: "inline", values: inline, key: `Application ${app} helm.values`, shown: `Application ${app} spec.source.helm.values` }] : [];
  return { name: helm.releaseName ?? app, namespace, chart, chartShown: String(source.chart), chartKey: String(source.chart), values, set: {}, declaredIn: { file: declared.file, line: declared.line } };
}

async function kustomizeSource(source: Source, dir: string, ctx: ArgoContext): Promise<LocatedObject[]> {
  const k = (source.kustomize ?? {}) as Record<string, unknown>;
  const overlay: Record<string, unknown> = {};
  for (const key of ["namePrefix", "nameSuffix", "images", "patches", "components", "commonAnnotations", "replicas"]) if (k[key] !== undefined) overlay[key] = k[key];
  if (typeof k.namespace === "string") overlay.namespace = k.namespace;
  if (k.commonLabels && typeof k.commonLabels === "object") overlay.labels = [{ pairs: k.commonLabels, includeSelectors: true }];
  if (!kustomizationFile(dir)) return [];
  return buildKustomization(dir, { kustomize: ctx.kustomize, root: ctx.repository.dir, shownRoot: "", overlay, ...(ctx.helm ? { helm: ctx.helm } : {}), ...(ctx.signal ? { signal: ctx.signal } : {}) });
}

async function directorySource(source: Source, dir: string, ctx: ArgoContext): Promise<LocatedObject[]> {
  const directory = (source.directory ?? {}) as { recurse?: boolean; include?: string; exclude?: string };
  const files = (await listYaml(dir, directory.recurse === true)).filter((f) => {
    const rel = relative(dir, f).split(sep).join("/");
    return (!directory.include || globMatch(directory.include, rel)) && !(directory.exclude && globMatch(directory.exclude, rel));
  });
  if (files.length === 0) return [];
  const objects = await loadManifests(files);
  return objects.map((o) => ({ ...o, source: { ...o.source, file: ctx.repository.shown(relative(ctx.repository.dir, resolve(o.source.file))) } }));
}

async function listYaml(dir: string, recurse: boolean, out: string[] = []): Promise<string[]> {
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory() && recurse) await listYaml(path, recurse, out);
    else if (entry.isFile() && /\.(ya?ml|json)$/i.test(entry.name)) out.push(path);
  }
  return out;
}

/** Argo CD's include/exclude: a glob, or `{a,b}` of globs, matched against the path in the folder. */
export function globMatch(pattern: string, path: string, orBasename = true): boolean {
  const alternatives = /^\{(.*)\}$/.exec(pattern)?.[1]?.split(",") ?? [pattern];
  return alternatives.some((glob) => {
    const re = glob.trim().replace(/[.+^$()|[\]\\]/g, "\\$&").replace(/\*\*\/?/g, "\u0000").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]").replace(/\u0000/g, ".*");
    return new RegExp(`^${re}$`).test(path) || (orBasename && new RegExp(`^${re}$`).test(path.split("/").pop() ?? path));
  });
}

/** Namespaced objects that name no namespace land in the destination namespace (cluster-scoped ones drop it later). */
function inNamespace(objects: LocatedObject[], namespace: string): LocatedObject[] {
  for (const o of objects) o.object.metadata.namespace ??= namespace;
  return objects;
}

async function hasJsonnet(dir: string): Promise<boolean> {
  return (await readdir(dir)).some((f) => /\.(jsonnet|libsonnet)$/.test(f));
}
