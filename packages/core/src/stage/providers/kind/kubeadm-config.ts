/**
 * The kubeadm config for a kind node started by testcontainers: what kind's own template
 * (pkg/cluster/internal/kubeadm/config.go) renders for a single control-plane node, plus
 * kube-controller-manager's --controllers without the endpoint controllers. Like kind: kubeadm
 * API v1beta3 below Kubernetes 1.36 and v1beta4 (list-shaped extraArgs) from 1.36 on, the
 * boundary kind v0.32 chose (1.37 drops v1beta3).
 */
import yaml from "js-yaml";
import { KUBEADM_CONTROLLERS } from "../common/controller-args.js";

export const API_SERVER_PORT = 6443;
export const KUBEADM_CONFIG_PATH = "/kind/kubeadm.conf";

export interface KubeadmConfigData {
  clusterName: string;
  /** "v1.34.11": what the node image's binaries are (its /kind/version). */
  kubernetesVersion: string;
  /** Node name = container hostname ("<cluster>-control-plane"). */
  nodeName: string;
  /** The node container's IP on its Docker network. */
  nodeAddress: string;
  /** Extra names in the API server certificate: the host reaches it at 127.0.0.1 / localhost. */
  certSans?: string[];
  podSubnet?: string;
  serviceSubnet?: string;
}

type Args = Record<string, string>;

export function kubeadmApiVersion(kubernetesVersion: string): "kubeadm.k8s.io/v1beta3" | "kubeadm.k8s.io/v1beta4" {
  const m = /^v?(\d+)\.(\d+)/.exec(kubernetesVersion);
  if (!m) throw new Error(`not a Kubernetes version: ${JSON.stringify(kubernetesVersion)}`);
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 1 || minor >= 36 ? "kubeadm.k8s.io/v1beta4" : "kubeadm.k8s.io/v1beta3";
}

/** The kubeadm config (multi-document YAML) kubeadm init reads. */
export function kubeadmConfig(data: KubeadmConfigData): string {
  const apiVersion = kubeadmApiVersion(data.kubernetesVersion);
  // v1beta4 turned extraArgs maps into lists of {name, value} (repeatable flags).
  const args = (a: Args): Args | Array<{ name: string; value: string }> =>
    apiVersion === "kubeadm.k8s.io/v1beta4" ? Object.entries(a).map(([name, value]) => ({ name, value })) : a;
  const controlPlaneEndpoint = `${data.nodeName}:${API_SERVER_PORT}`;
  const cluster = {
    apiVersion,
    kind: "ClusterConfiguration",
    metadata: { name: "config" },
    kubernetesVersion: data.kubernetesVersion,
    clusterName: data.clusterName,
    controlPlaneEndpoint,
    apiServer: { certSANs: data.certSans ?? ["localhost", "127.0.0.1"] },
    controllerManager: {
      extraArgs: args({
        controllers: KUBEADM_CONTROLLERS,
        "enable-hostpath-provisioner": "true",
      }),
    },
    networking: { podSubnet: data.podSubnet ?? "10.244.0.0/16", serviceSubnet: data.serviceSubnet ?? "10.96.0.0/16" },
  };
  const init = {
    apiVersion,
    kind: "InitConfiguration",
    metadata: { name: "config" },
    localAPIEndpoint: { advertiseAddress: data.nodeAddress, bindPort: API_SERVER_PORT },
    nodeRegistration: {
      criSocket: "unix:///run/containerd/containerd.sock",
      kubeletExtraArgs: args({
        "node-ip": data.nodeAddress,
        "provider-id": `kind://docker/${data.clusterName}/${data.nodeName}`,
      }),
    },
  };
  const kubelet = {
    apiVersion: "kubelet.config.k8s.io/v1beta1",
    kind: "KubeletConfiguration",
    metadata: { name: "config" },
    cgroupDriver: "systemd",
    cgroupRoot: "/kubelet",
    failSwapOn: false,
    // kind's reasoning: the kubelet sees the host's disk behind the node's containerd and would
    // try to reclaim space on it (image GC, evictions). Never, in a throwaway node.
    imageGCHighThresholdPercent: 100,
    evictionHard: { "nodefs.available": "0%", "nodefs.inodesFree": "0%", "imagefs.available": "0%" },
  };
  const proxy = {
    apiVersion: "kubeproxy.config.k8s.io/v1alpha1",
    kind: "KubeProxyConfiguration",
    metadata: { name: "config" },
    mode: "iptables",
    iptables: { minSyncPeriod: "1s" },
    // nf_conntrack_max is host-global: a node container must not set it.
    conntrack: { maxPerCore: 0 },
  };
  return [cluster, init, kubelet, proxy].map((doc) => yaml.dump(doc, { lineWidth: -1, quotingType: '"' })).join("---\n");
}
