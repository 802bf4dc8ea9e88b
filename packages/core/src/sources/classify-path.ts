import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { declaresReleases } from "../helm/releases-config.js";
import { kustomizationFile } from "./kustomize/kustomization-files.js";

/** What a path the user gave holds, decided by the files in it. */
export type PathKind = "stdin" | "helm-releases" | "helmfile" | "kustomization" | "manifests";

/** helmfile's own names for a state: a file, its templated form, or a folder of them. */
export const HELMFILE_ENTRIES = ["helmfile.yaml", "helmfile.yml", "helmfile.yaml.gotmpl", "helmfile.yml.gotmpl", "helmfile.d"] as const;

/**
 * kubegate.yaml `releases:` wins (the team listed its releases for kubegate), then a helmfile,
 * then a kustomization; anything else is read as manifests.
 */
export function classifyPath(path: string, abs: string): PathKind {
  if (path === "-") return "stdin";
  if (!existsSync(abs) || !statSync(abs).isDirectory()) return "manifests";
  if (declaresReleases(abs)) return "helm-releases";
  if (HELMFILE_ENTRIES.some((n) => existsSync(join(abs, n)))) return "helmfile";
  if (kustomizationFile(abs)) return "kustomization";
  return "manifests";
}
