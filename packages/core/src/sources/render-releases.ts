import { availableParallelism } from "node:os";
import { renderSides } from "../helm/render-all.js";
import type { HelmContext, ReleaseSet } from "../helm/releases.js";
import type { LocatedObject } from "../load/to-objects.js";
import type { Logger } from "../log/logger.js";
import { InputError } from "../model/input-error.js";
import { DEFAULT_KUBE_VERSION } from "../rules/rule.js";
import { helmFor } from "./tools.js";

export interface RenderedReleases {
  base: LocatedObject[];
  head: LocatedObject[];
  helm: HelmContext;
}

/**
 * `helm template` of every release of both sides (kubegate.yaml releases or a helmfile's), in
 * parallel bounded by the cores, with a progress line every few releases. Releases failing on both
 * sides are one InputError listing all of them.
 */
export async function renderReleases(base: ReleaseSet | undefined, head: ReleaseSet | undefined, options: { kubeVersion?: string; logger: Logger; signal?: AbortSignal; labels: { base: string; head: string }; /** GitOps: a release no side can render is listed here instead of failing the run (its chart needs what is not offline) */ unrendered?: string[] }): Promise<RenderedReleases> {
  const helm = await helmFor(options.logger, options.signal);
  const concurrency = availableParallelism();
  const kubeVersion = options.kubeVersion ?? DEFAULT_KUBE_VERSION;
  const total = (base?.releases.length ?? 0) + (head?.releases.length ?? 0);
  let done = 0;
  const rendered = await renderSides(base, head, {
    helm, kubeVersion, concurrency,
    onRendered: (side, render) => {
      done++;
      if (done === total || done % 10 === 0) options.logger.info(`rendered ${done}/${total} releases (last: ${render.release.name} at ${options.labels[side]})`);
    },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (rendered.problems.length > 0 && options.unrendered) options.unrendered.push(...rendered.problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ""}: ${p.message}; its objects are not judged`));
  else if (rendered.problems.length > 0) throw new InputError(rendered.problems);
  const failed = rendered.helm.releases.filter((r) => (r.base && !r.base.outcome.ok) || (r.head && !r.head.outcome.ok)).length;
  options.logger.info(`helm ${helm.version}: ${total} release render(s) (kube-version ${kubeVersion}, ${concurrency} in parallel) in ${rendered.seconds.toFixed(1)}s${failed ? `, ${failed} failed` : ""}`);
  return { base: sharedOnce(rendered.base), head: sharedOnce(rendered.head), helm: rendered.helm };
}

/**
 * Objects two releases render identically (the CRDs in crds/ of a chart installed as `main` and
 * `canary`) are one object in the cluster: kept once, from the first release. Objects that
 * differ still collide, as they would in the cluster.
 */
function sharedOnce(objects: LocatedObject[]): LocatedObject[] {
  const seen = new Set<string>();
  return objects.filter((o) => {
    const { kind, metadata } = o.object;
    const id = `${o.object.apiVersion}/${kind}/${metadata.namespace ?? ""}/${metadata.name}/${JSON.stringify(o.object)}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
