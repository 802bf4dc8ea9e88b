import { appendAll } from "../../util/append-all.js";
import type { Release } from "../../helm/releases.js";
import type { LocatedObject } from "../../load/to-objects.js";
import type { Logger } from "../../log/logger.js";
import type { HelmBinary } from "../../helm/helm-binary.js";
import { applicationsFromCharts } from "./application-charts.js";
import { readApplication } from "./argo-application.js";
import { expandApplicationSets } from "./argo-application-set.js";
import { fluxClusters } from "./flux-clusters.js";
import { fluxReleases } from "./flux-helm-releases.js";
import { readFluxCluster } from "./read-flux.js";
import type { GitOpsIndex } from "./scan-repository.js";
import { copyRepository } from "./source-tree.js";

/** What one cluster of a GitOps repository holds: objects read, and Helm releases still to render. */
export interface GitOpsCluster {
  /** "clusters/production" (Flux: the folder Flux syncs first) or "in-cluster" (Argo CD: the destination). */
  name: string;
  tool: "flux" | "argocd";
  objects: LocatedObject[];
  releases: Release[];
  /** Units read: Flux Kustomizations, Argo CD Applications. */
  units: string[];
}

export interface GitOpsRead {
  clusters: GitOpsCluster[];
  notes: string[];
  /** Removes the repository copy: after the releases (charts in the copy) are rendered. */
  dispose(): Promise<void>;
}

export interface GitOpsOptions {
  kustomize: string;
  helm?: HelmBinary;
  chartRepos: Record<string, string>;
  logger: Logger;
  signal?: AbortSignal;
}

/**
 * Every cluster a GitOps repository describes (Flux Kustomizations and HelmReleases, Argo CD
 * Applications and ApplicationSets), read the way its controller would, from a copy of the
 * repository. `within` (repository-relative; "." for all) keeps the clusters and Applications
 * declared there. Nothing is fetched: what lives elsewhere is listed in `notes`.
 */
export async function readGitOps(root: string, index: GitOpsIndex, within: string, options: GitOpsOptions): Promise<GitOpsRead> {
  const copies = await copyRepository(root);
  const notes: string[] = [];
  const clusters: GitOpsCluster[] = [];
  try {
    const helmPath = options.helm?.path;
    const build = { index, kustomize: options.kustomize, notes, ...(helmPath ? { helm: helmPath } : {}), ...(options.signal ? { signal: options.signal } : {}) };
    for (const name of fluxClusters(index).filter((c) => selected(c, within))) {
      options.logger.info(`flux: reading cluster ${name}`);
      const read = await readFluxCluster(name, copies, build);
      const releases = fluxReleases(read.objects, { index, copies, chartRepos: options.chartRepos, notes });
      clusters.push({ name, tool: "flux", objects: read.objects, releases, units: read.units });
    }
    const fromCharts = await applicationsFromCharts(index.applicationCharts.filter((c) => selected(c, within)), copies.repository, options.helm, notes, options.signal);
    const applications = [...index.applications, ...fromCharts, ...expandApplicationSets(index.applicationSets, copies.repository, notes)].filter((a) => selected(a.file, within) || selected(String((a.object.spec?.source as { path?: string } | undefined)?.path ?? "\0"), within));
    for (const app of applications) {
      const read = await readApplication(app, { repository: copies.repository, kustomize: options.kustomize, chartRepos: options.chartRepos, notes, ...(helmPath ? { helm: helmPath } : {}), ...(options.signal ? { signal: options.signal } : {}) });
      const cluster = clusterNamed(clusters, read.cluster);
      appendAll(cluster.objects, read.objects);
      cluster.releases.push(...read.releases);
      cluster.units.push(app.object.metadata.name);
    }
    return { clusters, notes: [...new Set(notes)], dispose: copies.dispose };
  } catch (error) {
    await copies.dispose();
    throw error;
  }
}

function clusterNamed(clusters: GitOpsCluster[], name: string): GitOpsCluster {
  let cluster = clusters.find((c) => c.name === name && c.tool === "argocd");
  if (!cluster) {
    cluster = { name, tool: "argocd", objects: [], releases: [], units: [] };
    clusters.push(cluster);
  }
  return cluster;
}

/** A path the user named selects what is at it or under it; a file under it selects its folder. */
function selected(path: string, within: string): boolean {
  return within === "." || path === within || path.startsWith(`${within}/`) || within.startsWith(`${path}/`);
}

