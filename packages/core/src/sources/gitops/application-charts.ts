import { basename, join } from "node:path";
import type { HelmBinary } from "../../helm/helm-binary.js";
import { renderRelease } from "../../helm/render-release.js";
import { DEFAULT_KUBE_VERSION } from "../../rules/rule.js";
import type { Declared, GitOpsObject } from "./scan-repository.js";
import type { SourceTree } from "./source-tree.js";

/**
 * The Applications an app-of-apps chart makes: the chart rendered with its own values (as the
 * parent Application would render it), the Applications kept. Other objects of the chart are
 * Argo CD's own, not the cluster's workloads.
 */
export async function applicationsFromCharts(charts: readonly string[], repository: SourceTree, helm: HelmBinary | undefined, notes: string[], signal?: AbortSignal): Promise<Declared[]> {
  const out: Declared[] = [];
  for (const chart of charts) {
    if (!helm) {
      notes.push(`${chart}: a chart of Argo CD Applications, not rendered (no helm)`);
      continue;
    }
    const dir = join(repository.dir, chart);
    const release = { name: basename(dir), namespace: "argocd", chart: dir, chartShown: chart, chartKey: chart, values: [], set: {}, declaredIn: { file: `${chart}/Chart.yaml` } };
    const outcome = await renderRelease(release, { helm, kubeVersion: DEFAULT_KUBE_VERSION, ...(signal ? { signal } : {}) });
    if (!outcome.ok) {
      notes.push(`${chart}: a chart of Argo CD Applications that helm cannot render (${outcome.error}); its Applications are not judged`);
      continue;
    }
    for (const { object, source } of outcome.objects) {
      if (object.kind !== "Application" || !object.apiVersion.startsWith("argoproj.io/")) continue;
      const file = source.helmSource ? `${chart}/${source.helmSource.split("/").slice(1).join("/")}` : `${chart}/Chart.yaml`;
      out.push({ object: object as unknown as GitOpsObject, file, line: source.line });
    }
  }
  return out;
}
