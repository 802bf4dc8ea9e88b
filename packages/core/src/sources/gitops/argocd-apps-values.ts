import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import type { Declared, GitOpsObject } from "./scan-repository.js";

/** Keys of an argocd-apps values entry that are the object's metadata, not its spec. */
const METADATA_KEYS = new Set(["name", "namespace", "additionalLabels", "additionalAnnotations", "finalizers", "labels", "annotations"]);

/**
 * Applications and ApplicationSets declared in the values of the argo-helm `argocd-apps` chart (a
 * dependency of the chart in `chartDir`, or the chart itself): a common way to keep the root
 * Applications next to Argo CD's own chart. `applications:`/`applicationsets:` are maps keyed by
 * name (argocd-apps 2.x) or lists with `name:` (1.x).
 */
export function argocdAppsValues(chartDir: string, shownDir: string): Declared[] {
  const chart = load(join(chartDir, "Chart.yaml")) as { name?: string; dependencies?: Array<{ name?: string; alias?: string }> } | undefined;
  const values = load(join(chartDir, "values.yaml")) as Record<string, unknown> | undefined;
  if (!chart || !values) return [];
  const dependency = (chart.dependencies ?? []).find((d) => d?.name === "argocd-apps");
  const scope = chart.name === "argocd-apps" ? values : dependency ? (values[dependency.alias ?? "argocd-apps"] as Record<string, unknown> | undefined) : undefined;
  if (!scope || typeof scope !== "object") return [];
  const text = readFileSync(join(chartDir, "values.yaml"), "utf8").split("\n");
  return [
    ...entries(scope.applications).map((e) => declared("Application", e, text, shownDir)),
    ...entries(scope.applicationsets).map((e) => declared("ApplicationSet", e, text, shownDir)),
  ];
}

function entries(value: unknown): Array<[string, Record<string, unknown>]> {
  if (Array.isArray(value)) return value.filter((v) => v && typeof v === "object" && typeof v.name === "string").map((v) => [String(v.name), v as Record<string, unknown>]);
  if (value && typeof value === "object") return Object.entries(value as Record<string, unknown>).filter(([, v]) => v && typeof v === "object").map(([k, v]) => [k, v as Record<string, unknown>]);
  return [];
}

function declared(kind: string, [name, entry]: [string, Record<string, unknown>], lines: string[], shownDir: string): Declared {
  const spec = Object.fromEntries(Object.entries(entry).filter(([k]) => !METADATA_KEYS.has(k)));
  const object: GitOpsObject = { apiVersion: "argoproj.io/v1alpha1", kind, metadata: { name, namespace: typeof entry.namespace === "string" ? entry.namespace : "argocd" }, spec };
  const line = lines.findIndex((l) => new RegExp(`^\\s*(- name:\\s*)?${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:?\\s*$`).test(l)) + 1;
  return { object, file: `${shownDir}/values.yaml`, line: line || 1 };
}

function load(file: string): unknown {
  if (!existsSync(file)) return undefined;
  try {
    return yaml.load(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}
