import { existsSync, readFileSync, statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import yaml from "js-yaml";
import { kustomizationFile } from "./kustomization-files.js";

export interface KustomizeLayout {
  /** Kustomizations no other kustomization of the tree includes: each is built. */
  roots: string[];
  /** .yaml/.yml/.json files outside every kustomization folder and chart: loaded as manifests. */
  manifests: string[];
}

const SKIP = new Set(["node_modules"]);

/**
 * Under a folder that is no kustomization itself: the kustomizations to build (overlays, not the
 * bases and components they include) and the plain manifest files around them. Undefined when the
 * tree has no kustomization at all (the folder then loads as manifests, as before).
 */
export async function kustomizeLayout(dir: string): Promise<KustomizeLayout | undefined> {
  const kustomizations: string[] = [];
  const files: string[] = [];
  await walk(dir, kustomizations, files);
  if (kustomizations.length === 0) return undefined;
  const included = new Set(kustomizations.flatMap(includedFolders));
  const inside = (file: string): boolean => kustomizations.some((k) => file.startsWith(`${k}/`));
  return { roots: kustomizations.filter((k) => !included.has(k)), manifests: files.filter((f) => !inside(f)) };
}

async function walk(dir: string, kustomizations: string[], files: string[]): Promise<void> {
  if (kustomizationFile(dir)) kustomizations.push(dir);
  if (existsSync(join(dir, "Chart.yaml"))) return;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    // Hidden entries (.github workflows, .git) are no manifests: the loader skips them too.
    if (SKIP.has(entry.name) || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, kustomizations, files);
    else if (entry.isFile() && /\.(ya?ml|json)$/i.test(entry.name)) files.push(path);
  }
}

/** Folders a kustomization includes through resources, bases and components. */
function includedFolders(dir: string): string[] {
  const file = kustomizationFile(dir)!;
  let value: Record<string, unknown> | undefined;
  try {
    value = yaml.load(readFileSync(file, "utf8")) as Record<string, unknown> | undefined;
  } catch {
    return [];
  }
  const entries = ["resources", "bases", "components"].flatMap((k) => (Array.isArray(value?.[k]) ? (value![k] as unknown[]) : []));
  return entries.filter((e): e is string => typeof e === "string" && !/^[a-z]+:\/\//.test(e)).map((e) => resolve(dirname(file), e)).filter((p) => existsSync(p) && statSync(p).isDirectory());
}
