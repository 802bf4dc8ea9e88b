/**
 * The cluster config for the kind CLI path (`kind create cluster --config`): one control-plane
 * node, the API server published on 127.0.0.1 at a random port, and a kubeadm patch removing the
 * endpoint controllers from kube-controller-manager. The patch is unversioned and map-shaped:
 * kind renders kubeadm v1beta3 for Kubernetes < 1.36 and converts unversioned patches for v1beta4.
 */
import yaml from "js-yaml";
import { KUBEADM_CONTROLLERS } from "../common/controller-args.js";

export interface KindClusterConfigData {
  name: string;
  /** Node image; omitted = the one built for the installed kind release (the safe default). */
  image?: string;
}

export function kindClusterConfig(data: KindClusterConfigData): string {
  const patch = yaml.dump({ kind: "ClusterConfiguration", controllerManager: { extraArgs: { controllers: KUBEADM_CONTROLLERS } } }, { lineWidth: -1 });
  return yaml.dump(
    {
      kind: "Cluster",
      apiVersion: "kind.x-k8s.io/v1alpha4",
      name: data.name,
      networking: { apiServerAddress: "127.0.0.1", apiServerPort: 0 },
      nodes: [{ role: "control-plane", ...(data.image ? { image: data.image } : {}) }],
      kubeadmConfigPatches: [patch],
    },
    { lineWidth: -1 },
  );
}
