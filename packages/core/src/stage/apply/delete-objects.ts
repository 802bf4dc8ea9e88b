import { KubeConfig, type KubernetesObject } from "@kubernetes/client-node";
import { applyPhase, apiMessage, describeObject, type ApplyFailure } from "./apply-manifests.js";
import { RawKubeClient } from "./raw-client.js";

/**
 * Deletes what head no longer declares (kubectl apply --prune): custom resources and workloads
 * before the CRDs and Namespaces that hold them, the reverse of the apply order.
 */
export async function deleteObjects(kubeconfigPath: string, objects: readonly KubernetesObject[]): Promise<{ deleted: string[]; failures: ApplyFailure[] }> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const client = new RawKubeClient(kc);
  const deleted: string[] = [];
  const failures: ApplyFailure[] = [];
  for (const phase of [2, 1, 0] as const) {
    for (const object of objects.filter((o) => applyPhase({ apiVersion: o.apiVersion ?? "", kind: o.kind ?? "" }) === phase)) {
      try {
        await client.delete(object);
        deleted.push(describeObject(object));
      } catch (error) {
        failures.push({ object: describeObject(object), message: apiMessage(error) });
      }
    }
  }
  client.close();
  return { deleted, failures };
}
