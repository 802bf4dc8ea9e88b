import { posix } from "node:path";
import { asArray, generatorsOf, isThisRepository } from "./flux-source.js";
import type { Declared, GitOpsIndex } from "./scan-repository.js";

/**
 * The clusters a Flux repository describes, each by the folder Flux syncs first (clusters/production,
 * clusters/staging). A Kustomization is an entry point when no other Kustomization's path holds the
 * file that declares it; its cluster is its own path when that holds its file (the flux-system
 * Kustomization of a bootstrap syncs the folder it lives in), else the folder of its file (a
 * cluster folder whose bootstrap Kustomization is generated at install time).
 */
export function fluxClusters(index: GitOpsIndex): string[] {
  // Kustomizations of other repositories (a tenant's) define no cluster of this one.
  const local = index.fluxKustomizations.filter((k) => pathOf(k, index) !== undefined);
  const entries = local.filter((k) => !local.some((other) => other !== k && holds(pathOf(other, index), k.file)));
  const roots = entries.map((k) => {
    const own = pathOf(k, index);
    return own !== undefined && holds(own, k.file) ? own : posix.dirname(k.file);
  });
  return [...new Set(roots)].sort();
}

/** A Kustomization's path in the repository, when its source is this repository (or an artifact of it). */
export function pathOf(declared: Declared, index: GitOpsIndex): string | undefined {
  const cluster = posix.dirname(declared.file);
  const spec = declared.object.spec ?? {};
  const path = clean(typeof spec.path === "string" ? spec.path : ".");
  const ref = (spec.sourceRef ?? {}) as { kind?: string; name?: string; namespace?: string };
  if ((ref.kind ?? "GitRepository") === "GitRepository") return isThisRepository(ref.name ?? "", ref.namespace ?? declared.object.metadata.namespace ?? "flux-system", index) ? path : undefined;
  if (ref.kind !== "ExternalArtifact") return undefined;
  for (const generator of generatorsOf(index, cluster)) {
    const artifact = asArray(generator.object.spec?.artifacts).find((a) => a.name === ref.name);
    for (const copy of asArray(artifact?.copy)) {
      const from = /^@[^/]+\/(.*?)\/?\*\*$/.exec(String(copy.from ?? ""))?.[1];
      const to = clean(String(copy.to ?? "").replace(/^@artifact\/?/, ""));
      if (from !== undefined && (path === to || path.startsWith(`${to}/`) || to === ".")) return clean(posix.join(from, to === "." ? path : path.slice(to.length)));
    }
  }
  return undefined;
}

function holds(folder: string | undefined, file: string): boolean {
  if (folder === undefined) return false;
  return folder === "." || file.startsWith(`${folder}/`);
}

function clean(path: string): string {
  return posix.normalize(path.replace(/^\.?\/+/, "")).replace(/\/+$/, "") || ".";
}
