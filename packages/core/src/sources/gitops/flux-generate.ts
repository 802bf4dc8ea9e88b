import { existsSync } from "node:fs";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import yaml from "js-yaml";
import { kustomizationFile } from "../kustomize/kustomization-files.js";

/**
 * What kustomize-controller does with a path that has no kustomization.yaml: it generates one
 * listing every Kubernetes manifest under it, and each sub-folder that is a kustomization as a
 * whole. kubegate does the same, in its own copy of the repository.
 */
export async function ensureKustomization(dir: string): Promise<void> {
  if (kustomizationFile(dir)) return;
  const resources = await manifestsUnder(dir, dir);
  const body = { apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", resources };
  await writeFile(join(dir, "kustomization.yaml"), yaml.dump(body));
}

async function manifestsUnder(root: string, dir: string, out: string[] = []): Promise<string[]> {
  if (!existsSync(dir)) return out;
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (kustomizationFile(path)) out.push(posix(relative(root, path)));
      else if (!existsSync(join(path, "Chart.yaml"))) await manifestsUnder(root, path, out);
    } else if (entry.isFile() && /\.ya?ml$/i.test(entry.name) && (await isManifest(path))) out.push(posix(relative(root, path)));
  }
  return out;
}

/** A file with at least one document that has apiVersion and kind (values files and the like are not). */
async function isManifest(file: string): Promise<boolean> {
  const text = await readFile(file, "utf8");
  return /^apiVersion\s*:/m.test(text) && /^kind\s*:/m.test(text);
}

function posix(path: string): string {
  return path.split(sep).join("/");
}
