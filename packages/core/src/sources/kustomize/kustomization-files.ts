import { existsSync, statSync } from "node:fs";
import { join } from "node:path";

/** The file names kustomize accepts for a kustomization, in its own order of preference. */
export const KUSTOMIZATION_NAMES = ["kustomization.yaml", "kustomization.yml", "Kustomization"] as const;

/** The kustomization file of a folder, or undefined when the folder is not a kustomization. */
export function kustomizationFile(dir: string): string | undefined {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return undefined;
  const name = KUSTOMIZATION_NAMES.find((n) => existsSync(join(dir, n)));
  return name ? join(dir, name) : undefined;
}
