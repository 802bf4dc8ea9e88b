import { existsSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import type { ValuesSource } from "../../helm/releases.js";

/** How a values file is identified and shown, relative to the helmfile folder. */
export interface ValuesPaths {
  /** Identity across base and head and across releases ("values/shared.yaml"). */
  key(path: string): string;
  shown(path: string): string;
}

export interface ReleaseValues {
  /** `values:` of the release in `helmfile build --embed-values` (maps, missing files dropped). */
  embedded: unknown[];
  /** The same list in plain `helmfile build` (file names kept), when that run matched this release. */
  named?: unknown[];
  /** Folder relative values paths resolve against: the state file's folder. */
  stateDir: string;
  /** The repository: a values file outside it is never handed to helm by path. */
  treeRoot: string;
  /** Key and label of an inline entry j. */
  inline(j: number): { key: string; shown: string };
}

/**
 * The values of one helmfile release with their provenance: a plain values file that several
 * releases read stays one file (same key everywhere), so rules can see a shared default and its
 * blast radius; inline maps and templated files (.gotmpl, rendered by helmfile) stay inline.
 * The two lists are aligned slot by slot; when they cannot be (globs, a count that disagrees),
 * every entry stays inline rather than risk naming the wrong file.
 */
export function valuesWithProvenance(release: ReleaseValues, paths: ValuesPaths): ValuesSource[] {
  const slots = release.named ? alignedSlots(release.named, release.stateDir, release.treeRoot) : undefined;
  const aligned = slots !== undefined && slots.length === release.embedded.length;
  return release.embedded.flatMap((value, j): ValuesSource[] => {
    const file = aligned ? slots[j] : undefined;
    if (file) return [{ kind: "file", path: file, key: paths.key(file), shown: paths.shown(file) }];
    if (!value || typeof value !== "object" || Array.isArray(value)) return [];
    return [{ kind: "inline", values: value as Record<string, unknown>, ...release.inline(j) }];
  });
}

/**
 * One slot per entry the embedded list holds: the absolute path of a plain values file, or
 * undefined for an entry helmfile rendered (a map, a .gotmpl file). Missing files hold no slot
 * (missingFileHandler dropped them). Undefined as a whole when an entry cannot be counted.
 */
function alignedSlots(named: unknown[], stateDir: string, treeRoot: string): Array<string | undefined> | undefined {
  const slots: Array<string | undefined> = [];
  for (const entry of named) {
    if (typeof entry !== "string") {
      slots.push(undefined);
      continue;
    }
    if (/[*?[]|^[a-z][\w+.-]*:\/\/|::/i.test(entry)) return undefined;
    const path = isAbsolute(entry) ? entry : resolve(stateDir, entry);
    if (!existsSync(path)) continue;
    const inTree = !relative(treeRoot, path).startsWith("..");
    slots.push(/\.(gotmpl|tpl)$/.test(path) || !inTree ? undefined : path);
  }
  return slots;
}
