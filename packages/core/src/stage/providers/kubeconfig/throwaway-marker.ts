/**
 * The safety catch of the kubeconfig provider: staging applies users' manifests, CRDs included,
 * and prunes what head deletes, so it must never run against a cluster that matters. A cluster
 * says it is disposable by carrying the marker label on one of its namespaces:
 *
 *   kubectl label namespace default kubegate.dev/throwaway=true
 *
 * Only someone with write access to the cluster can set it, and it travels with the cluster, not
 * with a kubeconfig that might point elsewhere tomorrow.
 */
import type { RawKubeClient } from "../../apply/raw-client.js";

export const THROWAWAY_LABEL = "kubegate.dev/throwaway";
export const OVERRIDE_FLAG = "--i-know-this-is-not-production";

export interface MarkerCheck {
  marked: boolean;
  /** Namespaces that carry the label (for the progress log). */
  namespaces: string[];
}

export async function findThrowawayMarker(client: RawKubeClient): Promise<MarkerCheck> {
  const answer = await client.request("GET", `/api/v1/namespaces?labelSelector=${encodeURIComponent(`${THROWAWAY_LABEL}=true`)}`);
  if (answer.status === 403) {
    throw new Error(`cannot list namespaces to look for the ${THROWAWAY_LABEL} marker (HTTP 403): the kubeconfig's user needs cluster-wide read access to namespaces`);
  }
  if (answer.status !== 200) throw new Error(`listing namespaces for the ${THROWAWAY_LABEL} marker answered HTTP ${answer.status}: ${answer.body.slice(0, 200)}`);
  const items = (JSON.parse(answer.body) as { items?: Array<{ metadata?: { name?: string } }> }).items ?? [];
  const namespaces = items.map((i) => i.metadata?.name ?? "?");
  return { marked: namespaces.length > 0, namespaces };
}

export function refusalMessage(server: string, context: string): string {
  return (
    `refusing to stage on the cluster at ${server} (context ${JSON.stringify(context)}): it does not carry the ${THROWAWAY_LABEL} marker, ` +
    `and staging applies and deletes objects. If this cluster is disposable, mark it with ` +
    `\`kubectl --context ${context} label namespace default ${THROWAWAY_LABEL}=true\`, or pass ${OVERRIDE_FLAG}.`
  );
}
