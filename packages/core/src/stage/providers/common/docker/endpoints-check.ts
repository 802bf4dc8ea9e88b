/**
 * Does the cluster leave hand-written Endpoints alone? Staging depends on it (kubegate points
 * users' Services at its stand-ins), so the providers' integration tests ask a real cluster:
 * a Service with a selector no pod matches, Endpoints written by hand, then a few seconds for a
 * kube-controller-manager to overwrite them (its endpoint controller empties them within ~1 s)
 * or to add its own EndpointSlices.
 */
import { sleep } from "../../../../util/sleep.js";

export interface EndpointsCheck {
  /** The hand-written address is still there, and no controller-managed EndpointSlice appeared. */
  kept: boolean;
  addresses: string[];
  controllerSlices: string[];
}

export async function checkEndpointsKept(kubeconfig: string, options: { namespace?: string; name?: string; waitMs?: number } = {}): Promise<EndpointsCheck> {
  const { CoreV1Api, DiscoveryV1Api, KubeConfig } = await import("@kubernetes/client-node");
  const kc = new KubeConfig();
  kc.loadFromString(kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  const discovery = kc.makeApiClient(DiscoveryV1Api);
  const namespace = options.namespace ?? "default";
  const name = options.name ?? "kubegate-endpoints-check";
  await core.createNamespacedService({
    namespace,
    body: { metadata: { name }, spec: { selector: { app: name }, ports: [{ name: "http", port: 80, targetPort: 8080 }] } },
  });
  await core.createNamespacedEndpoints({
    namespace,
    body: { metadata: { name }, subsets: [{ addresses: [{ ip: "10.123.0.7" }], ports: [{ name: "http", port: 8080 }] }] },
  });
  await sleep(options.waitMs ?? 8_000);
  const endpoints = await core.readNamespacedEndpoints({ namespace, name });
  const addresses = (endpoints.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip));
  const slices = await discovery.listNamespacedEndpointSlice({ namespace, labelSelector: `kubernetes.io/service-name=${name}` });
  const controllerSlices = slices.items
    .filter((s) => (s.metadata?.labels ?? {})["endpointslice.kubernetes.io/managed-by"] !== undefined)
    .map((s) => `${s.metadata?.name ?? "?"} (managed by ${(s.metadata?.labels ?? {})["endpointslice.kubernetes.io/managed-by"]})`);
  return { kept: addresses.length === 1 && addresses[0] === "10.123.0.7" && controllerSlices.length === 0, addresses, controllerSlices };
}
