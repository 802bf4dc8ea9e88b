import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import yaml from "js-yaml";
import type { Release, ValuesSource } from "../../helm/releases.js";
import type { LocatedObject } from "../../load/to-objects.js";
import { unvendoredDependencies, withoutUnvendored } from "./chart-dependencies.js";
import type { TreeCopies } from "./source-tree.js";
import type { GitOpsIndex } from "./scan-repository.js";

export interface HelmReleaseContext {
  index: GitOpsIndex;
  copies: TreeCopies;
  /** `--chart-repo NAME=FOLDER`: a HelmRepository or OCIRepository by name, served from a folder. */
  chartRepos: Record<string, string>;
  notes: string[];
}

interface ChartRef {
  kind: string;
  name: string;
  namespace?: string;
}

/**
 * The Flux HelmReleases of a cluster as releases kubegate renders with helm: charts from this
 * repository (a GitRepository source) or from a chart repository mapped to a local folder
 * (`--chart-repo`); values from `valuesFrom` ConfigMaps of the cluster, then `values`. A chart
 * kubegate cannot reach offline is listed in the notes, and the HelmRelease is judged as it is.
 */
export function fluxReleases(objects: readonly LocatedObject[], ctx: HelmReleaseContext): Release[] {
  const releases: Release[] = [];
  for (const located of objects) {
    const { object } = located;
    if (object.kind !== "HelmRelease" || !object.apiVersion.startsWith("helm.toolkit.fluxcd.io/")) continue;
    const spec = ((object as { spec?: Record<string, unknown> }).spec ?? {}) as Record<string, unknown>;
    const namespace = object.metadata.namespace ?? "default";
    const shown = `HelmRelease ${namespace}/${object.metadata.name}`;
    const chart = chartOf(spec, namespace, ctx);
    if ("unavailable" in chart) {
      ctx.notes.push(`${shown} (${located.source.file}:${located.source.line}): chart ${chart.unavailable} is not available offline; the HelmRelease is judged as written, its objects are not (map the repository to a folder with --chart-repo to render it)`);
      continue;
    }
    const targetNamespace = typeof spec.targetNamespace === "string" ? spec.targetNamespace : undefined;
    releases.push({
      name: typeof spec.releaseName === "string" ? spec.releaseName : targetNamespace ? `${targetNamespace}-${object.metadata.name}` : object.metadata.name,
      namespace: targetNamespace ?? namespace,
      chart: chart.path, chartShown: chart.shown, chartKey: chart.shown,
      values: valuesOf(spec, namespace, objects, shown, ctx),
      set: {},
      declaredIn: { file: located.source.file, line: located.source.line },
    });
  }
  return releases;
}

function chartOf(spec: Record<string, unknown>, namespace: string, ctx: HelmReleaseContext): { path: string; shown: string } | { unavailable: string } {
  const chartRef = spec.chartRef as ChartRef | undefined;
  const template = (spec.chart as { spec?: { chart?: string; version?: string; sourceRef?: ChartRef } } | undefined)?.spec;
  const ref = chartRef ?? template?.sourceRef;
  const name = template?.chart ?? ref?.name ?? "";
  const describe = `${name}${template?.version ? ` ${template.version}` : ""} from ${ref?.kind ?? "?"} ${ref?.namespace ?? namespace}/${ref?.name ?? "?"}`;
  if (!ref) return { unavailable: describe };
  if (ref.kind === "GitRepository" && template?.chart) {
    const path = resolve(ctx.copies.repository.dir, template.chart.replace(/^\.?\/+/, ""));
    const missing = existsSync(join(path, "Chart.yaml")) ? unvendoredDependencies(path) : [];
    if (missing.length > 0) {
      ctx.notes.push(`chart ${template.chart} is not available offline in full: its dependencies ${missing.join(", ")} are not vendored in charts/; only its own templates are judged`);
      withoutUnvendored(path, missing);
    }
    if (path.startsWith(ctx.copies.repository.dir) && existsSync(join(path, "Chart.yaml"))) return { path, shown: ctx.copies.repository.shown(template.chart.replace(/^\.?\/+/, "")) };
    return { unavailable: describe };
  }
  const folder = ctx.chartRepos[ref.name];
  if (folder) {
    const candidate = ref.kind === "OCIRepository" && existsSync(join(folder, "Chart.yaml")) ? folder : join(folder, name);
    if (existsSync(join(candidate, "Chart.yaml"))) return { path: candidate, shown: `${ref.name}/${name}` };
  }
  return { unavailable: describe };
}

/** valuesFrom (ConfigMaps of the cluster, in order), then `values`: Flux's merge order. */
function valuesOf(spec: Record<string, unknown>, namespace: string, objects: readonly LocatedObject[], shown: string, ctx: HelmReleaseContext): ValuesSource[] {
  const values: ValuesSource[] = [];
  const refs = Array.isArray(spec.valuesFrom) ? (spec.valuesFrom as Array<Record<string, unknown>>) : [];
  refs.forEach((ref, i) => {
    const key = typeof ref.valuesKey === "string" ? ref.valuesKey : "values.yaml";
    if (ref.kind === "Secret") {
      ctx.notes.push(`${shown}: values from Secret ${String(ref.name)} are not read (secret values stay out of kubegate's renders)`);
      return;
    }
    const map = configMap(objects, namespace, String(ref.name));
    const text = map?.data?.[key];
    if (typeof text !== "string") {
      if (ref.optional !== true) ctx.notes.push(`${shown}: valuesFrom ConfigMap ${String(ref.name)} key ${key} is not in the repository`);
      return;
    }
    let parsed: unknown;
    try {
      parsed = typeof ref.targetPath === "string" ? nest(ref.targetPath, text) : yaml.load(text);
    } catch {
      ctx.notes.push(`${shown}: valuesFrom ConfigMap ${String(ref.name)} key ${key} is not YAML`);
      return;
    }
    if (parsed && typeof parsed === "object") values.push({ kind: "inline", values: parsed as Record<string, unknown>, key: `${shown} valuesFrom[${i}]`, shown: `ConfigMap ${namespace}/${String(ref.name)} (${key})` });
  });
  if (spec.values && typeof spec.values === "object") values.push({ kind: "inline", values: spec.values as Record<string, unknown>, key: `${shown} values`, shown: `${shown} spec.values` });
  return values;
}

/** The ConfigMap named so, or made by a configMapGenerator from that name (name-<hash>). */
function configMap(objects: readonly LocatedObject[], namespace: string, name: string): { data?: Record<string, unknown> } | undefined {
  const maps = objects.filter((o) => o.object.kind === "ConfigMap" && (o.object.metadata.namespace ?? namespace) === namespace);
  const found = maps.find((o) => o.object.metadata.name === name) ?? maps.find((o) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-[a-z0-9]{10}$`).test(o.object.metadata.name));
  return found?.object as { data?: Record<string, unknown> } | undefined;
}

function nest(path: string, value: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let at = out;
  const parts = path.split(".");
  parts.forEach((part, i) => {
    if (i === parts.length - 1) at[part] = value;
    else at = (at[part] = {}) as Record<string, unknown>;
  });
  return out;
}
