import type { ArtifactCopy, SourceTree, TreeCopies } from "./source-tree.js";
import type { GitOpsIndex, GitOpsObject } from "./scan-repository.js";

/** Where a Flux object's `sourceRef` points, as kubegate can read it. */
export type ResolvedSource =
  | { kind: "tree"; tree: SourceTree; /** the source's description for notes */ shown: string }
  | { kind: "unavailable"; shown: string; reason: string };

interface SourceRef {
  kind?: string;
  name?: string;
  namespace?: string;
}

/**
 * A `sourceRef` as kubegate reads it: a GitRepository is this repository (the one Flux was
 * bootstrapped with, `flux-system`, or any other with the same URL); an ExternalArtifact made by an
 * ArtifactGenerator from this repository is assembled from its copy rules. Everything else (other
 * repositories, OCI artifacts, buckets) is not fetched: kubegate works offline.
 */
export async function resolveSource(ref: SourceRef | undefined, ownerNamespace: string, index: GitOpsIndex, copies: TreeCopies, cluster = "."): Promise<ResolvedSource> {
  const kind = ref?.kind ?? "GitRepository";
  const name = ref?.name ?? "";
  const namespace = ref?.namespace ?? ownerNamespace;
  const shown = `${kind} ${namespace}/${name}`;
  if (kind === "GitRepository") {
    return isThisRepository(name, namespace, index) ? { kind: "tree", tree: copies.repository, shown } : { kind: "unavailable", shown, reason: "another repository (kubegate reads this one only)" };
  }
  if (kind === "ExternalArtifact") {
    const copy = artifactCopies(name, namespace, index, cluster);
    if (!copy) return { kind: "unavailable", shown, reason: "no ArtifactGenerator in the repository makes it" };
    return { kind: "tree", tree: await copies.artifact(JSON.stringify(copy), copy), shown };
  }
  return { kind: "unavailable", shown, reason: "not fetched (kubegate works offline)" };
}

export function isThisRepository(name: string, namespace: string, index: GitOpsIndex): boolean {
  const declared = index.sources.filter((s) => s.object.kind === "GitRepository");
  const self = declared.find((s) => s.object.metadata.name === "flux-system");
  const target = declared.find((s) => s.object.metadata.name === name && (s.object.metadata.namespace ?? "flux-system") === namespace);
  if (!target || name === "flux-system") return true;
  const url = (o: GitOpsObject): string | undefined => normalizeUrl(o.spec?.url);
  return self !== undefined && url(self.object) !== undefined && url(self.object) === url(target.object);
}

function normalizeUrl(url: unknown): string | undefined {
  if (typeof url !== "string") return undefined;
  return url.replace(/^[a-z+]+:\/\//, "").replace(/^[^@/]+@/, "").replace(":", "/").replace(/\.git$/, "").replace(/\/+$/, "").toLowerCase();
}

/** The copy rules of the artifact an ArtifactGenerator of the repository names so, reading this repository. */
function artifactCopies(name: string, namespace: string, index: GitOpsIndex, cluster: string): ArtifactCopy[] | undefined {
  for (const generator of generatorsOf(index, cluster)) {
    if ((generator.object.metadata.namespace ?? namespace) !== namespace) continue;
    const spec = generator.object.spec ?? {};
    const aliases = new Set(asArray(spec.sources).filter((s) => s.kind === "GitRepository" && isThisRepository(String(s.name ?? ""), String(s.namespace ?? namespace), index)).map((s) => String(s.alias ?? s.name)));
    const artifact = asArray(spec.artifacts).find((a) => a.name === name);
    if (!artifact) continue;
    return asArray(artifact.copy).flatMap((c) => {
      const from = /^@([^/]+)\/(.*)$/.exec(String(c.from ?? ""));
      const to = /^@artifact\/?(.*)$/.exec(String(c.to ?? ""));
      return from && to && aliases.has(from[1]!) ? [{ from: from[2]!, to: to[1]! }] : [];
    });
  }
  return undefined;
}

/** ArtifactGenerators, those declared in the cluster's own folder first (each cluster has its own). */
export function generatorsOf(index: GitOpsIndex, cluster: string): GitOpsIndex["sources"] {
  const all = index.sources.filter((s) => s.object.kind === "ArtifactGenerator");
  const inCluster = (file: string): boolean => cluster === "." || file.startsWith(`${cluster}/`);
  return [...all.filter((g) => inCluster(g.file)), ...all.filter((g) => !inCluster(g.file))];
}

/**
 * The repository folder behind a path of an artifact ("./production" of an artifact copying
 * apps/production/** to production/ is apps/production), for telling clusters apart.
 */
export function repositoryPathOf(source: ResolvedSource, path: string): string | undefined {
  if (source.kind !== "tree") return undefined;
  const clean = path.replace(/^\.\/?/, "").replace(/\/+$/, "");
  const shown = source.tree.shown(clean);
  return shown === clean ? clean : shown;
}

export function asArray(value: unknown): Array<Record<string, unknown>> {
  return Array.isArray(value) ? value.filter((v): v is Record<string, unknown> => !!v && typeof v === "object") : [];
}
