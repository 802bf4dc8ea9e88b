import { appendAll } from "../../util/append-all.js";
import type { ReleaseSet } from "../../helm/releases.js";
import type { LocatedObject } from "../../load/to-objects.js";
import type { Logger } from "../../log/logger.js";
import { renderReleases } from "../render-releases.js";
import type { ClusterSources } from "../source-request.js";
import type { GitOpsCluster } from "./read-gitops.js";

export interface ClusterOutcome {
  /** Clusters whose objects the change alters, each with both sides. */
  changed: ClusterSources[];
  /** Clusters read whose objects are the same on both sides. */
  unchanged: string[];
  /** Releases neither side could render (a chart dependency not vendored, ...). */
  unrendered: string[];
}

/**
 * Both sides of every cluster of a GitOps repository, releases rendered, then sorted into
 * changed and unchanged: a change to clusters/staging judges staging only, a change to a base
 * both clusters read judges both.
 */
export async function combineClusters(base: GitOpsCluster[], head: GitOpsCluster[], options: { logger: Logger; kubeVersion?: string; signal?: AbortSignal; labels: { base: string; head: string } }): Promise<ClusterOutcome> {
  const keys = [...new Set([...base, ...head].map(keyOf))].sort();
  const outcome: ClusterOutcome = { changed: [], unchanged: [], unrendered: [] };
  for (const key of keys) {
    const b = base.find((c) => keyOf(c) === key);
    const h = head.find((c) => keyOf(c) === key);
    const name = (b ?? h)!.name;
    const sides: ClusterSources = { name, base: [...(b?.objects ?? [])], head: [...(h?.objects ?? [])] };
    if ((b?.releases.length ?? 0) + (h?.releases.length ?? 0) > 0) {
      const rendered = await renderReleases(releaseSet(b), releaseSet(h), { logger: options.logger, labels: options.labels, unrendered: outcome.unrendered, ...(options.kubeVersion ? { kubeVersion: options.kubeVersion } : {}), ...(options.signal ? { signal: options.signal } : {}) });
      appendAll(sides.base, rendered.base);
      appendAll(sides.head, rendered.head);
      sides.helm = rendered.helm;
    }
    if (same(sides.base, sides.head)) outcome.unchanged.push(name);
    else outcome.changed.push(sides);
  }
  return outcome;
}

function keyOf(cluster: GitOpsCluster): string {
  return `${cluster.tool}:${cluster.name}`;
}

function releaseSet(cluster: GitOpsCluster | undefined): ReleaseSet | undefined {
  if (!cluster || cluster.releases.length === 0) return undefined;
  return { root: "", shownRoot: "", origin: cluster.tool === "flux" ? "Flux HelmRelease" : "Argo CD Application", releases: cluster.releases };
}

function same(a: readonly LocatedObject[], b: readonly LocatedObject[]): boolean {
  if (a.length !== b.length) return false;
  const canonical = (objects: readonly LocatedObject[]): string[] => objects.map((o) => JSON.stringify(o.object)).sort();
  const [x, y] = [canonical(a), canonical(b)];
  return x.every((v, i) => v === y[i]);
}
