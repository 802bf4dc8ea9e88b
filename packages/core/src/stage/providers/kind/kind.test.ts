import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { requestedCreateOptions } from "../common/docker/container-spec.js";
import { kindCreateArgs, kindDeleteArgs, findKind, kindClusterName, parseKindVersion } from "./kind-cli.js";
import { kindClusterConfig } from "./kind-config.js";
import { KIND_NODE_IMAGE } from "./kind-image.js";
import { KindProvider } from "./kind-provider.js";
import { kubeadmApiVersion, kubeadmConfig } from "./kubeadm-config.js";
import { KindNodeContainer, kindNodeContainerSpec } from "./node-container.js";

const CONTROLLERS = "*,bootstrapsigner,tokencleaner,-endpoint,-endpointslice,-endpointslicemirroring";
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("kind node container (testcontainers path)", () => {
  const spec = kindNodeContainerSpec({ runId: "r20261121-1" });
  const opts = requestedCreateOptions(new KindNodeContainer(spec));

  it("runs the pinned kindest/node image, by digest", () => {
    expect(KIND_NODE_IMAGE).toMatch(/^kindest\/node:v1\.34\.\d+@sha256:[0-9a-f]{64}$/);
    expect(opts["Image"]).toBe(KIND_NODE_IMAGE);
  });

  it("is started the way kind starts a node", () => {
    expect(opts).toMatchObject({
      name: "kubegate-r20261121-1-control-plane",
      Hostname: "kubegate-r20261121-1-control-plane",
      Env: expect.arrayContaining(["container=docker"]),
      Volumes: { "/var": {} },
    });
    expect(opts.HostConfig).toMatchObject({
      Privileged: true,
      SecurityOpt: ["seccomp=unconfined", "apparmor=unconfined"],
      Tmpfs: { "/tmp": "rw", "/run": "rw" },
      Binds: ["/lib/modules:/lib/modules:ro"],
      CgroupnsMode: "private",
    });
  });

  it("publishes only the API server, on 127.0.0.1", () => {
    expect(opts["ExposedPorts"]).toEqual({ "6443/tcp": {} });
    expect(opts.HostConfig["PortBindings"]).toEqual({ "6443/tcp": [{ HostIp: "127.0.0.1", HostPort: "0" }] });
  });

  it("carries the run id and kind's cluster labels", () => {
    expect(opts["Labels"]).toMatchObject({
      "dev.kubegate.run-id": "r20261121-1",
      "dev.kubegate.provider": "kind",
      "dev.kubegate.owner-pid": String(process.pid),
      "io.x-k8s.kind.cluster": "kubegate-r20261121-1",
      "io.x-k8s.kind.role": "control-plane",
    });
  });
});

describe("kubeadm config", () => {
  const data = { clusterName: "kubegate-r1", kubernetesVersion: "v1.34.11", nodeName: "kubegate-r1-control-plane", nodeAddress: "172.18.0.2" };
  const docs = yaml.loadAll(kubeadmConfig(data)) as Doc[];
  const byKind = (kind: string): Doc => docs.find((d) => d["kind"] === kind)!;

  it("has kind's four documents, kubeadm v1beta3 for Kubernetes 1.34 (as kind renders it)", () => {
    expect(docs.map((d) => `${d["apiVersion"]} ${d["kind"]}`)).toEqual([
      "kubeadm.k8s.io/v1beta3 ClusterConfiguration",
      "kubeadm.k8s.io/v1beta3 InitConfiguration",
      "kubelet.config.k8s.io/v1beta1 KubeletConfiguration",
      "kubeproxy.config.k8s.io/v1alpha1 KubeProxyConfiguration",
    ]);
  });

  it("runs kube-controller-manager without the endpoint controllers", () => {
    expect(byKind("ClusterConfiguration")["controllerManager"]["extraArgs"]["controllers"]).toBe(CONTROLLERS);
  });

  it("matches the image's version and is valid for 127.0.0.1 and localhost", () => {
    const cluster = byKind("ClusterConfiguration");
    expect(cluster["kubernetesVersion"]).toBe("v1.34.11");
    expect(cluster["apiServer"]["certSANs"]).toEqual(["localhost", "127.0.0.1"]);
    expect(cluster["controlPlaneEndpoint"]).toBe("kubegate-r1-control-plane:6443");
  });

  it("registers the node on containerd at its container IP", () => {
    const init = byKind("InitConfiguration");
    expect(init["localAPIEndpoint"]).toEqual({ advertiseAddress: "172.18.0.2", bindPort: 6443 });
    expect(init["nodeRegistration"]["criSocket"]).toBe("unix:///run/containerd/containerd.sock");
    expect(init["nodeRegistration"]["kubeletExtraArgs"]).toEqual({ "node-ip": "172.18.0.2", "provider-id": "kind://docker/kubegate-r1/kubegate-r1-control-plane" });
  });

  it("keeps the kubelet from evicting or garbage-collecting, on the systemd cgroup driver", () => {
    expect(byKind("KubeletConfiguration")).toMatchObject({
      cgroupDriver: "systemd",
      failSwapOn: false,
      imageGCHighThresholdPercent: 100,
      evictionHard: { "nodefs.available": "0%", "nodefs.inodesFree": "0%", "imagefs.available": "0%" },
    });
    expect(byKind("KubeProxyConfiguration")["conntrack"]).toEqual({ maxPerCore: 0 });
  });

  it("switches to v1beta4 (list-shaped extraArgs) from Kubernetes 1.36, like kind", () => {
    expect(kubeadmApiVersion("v1.35.8")).toBe("kubeadm.k8s.io/v1beta3");
    expect(kubeadmApiVersion("v1.36.1")).toBe("kubeadm.k8s.io/v1beta4");
    const v4 = yaml.loadAll(kubeadmConfig({ ...data, kubernetesVersion: "v1.36.1" })) as Doc[];
    expect(v4[0]!["controllerManager"]["extraArgs"]).toContainEqual({ name: "controllers", value: CONTROLLERS });
    expect(v4[1]!["nodeRegistration"]["kubeletExtraArgs"]).toContainEqual({ name: "node-ip", value: "172.18.0.2" });
  });
});

describe("kind CLI path", () => {
  it("generates a one-node cluster config on loopback with the controller-manager patch", () => {
    const config = yaml.load(kindClusterConfig({ name: "kubegate-r1" })) as Doc;
    expect(config).toMatchObject({
      kind: "Cluster",
      apiVersion: "kind.x-k8s.io/v1alpha4",
      name: "kubegate-r1",
      networking: { apiServerAddress: "127.0.0.1", apiServerPort: 0 },
      nodes: [{ role: "control-plane" }],
    });
    expect(config["kubeadmConfigPatches"]).toHaveLength(1);
    expect(yaml.load(config["kubeadmConfigPatches"][0])).toEqual({ kind: "ClusterConfiguration", controllerManager: { extraArgs: { controllers: CONTROLLERS } } });
  });

  it("puts an image in the config only when asked", () => {
    expect((yaml.load(kindClusterConfig({ name: "n", image: KIND_NODE_IMAGE })) as Doc)["nodes"]).toEqual([{ role: "control-plane", image: KIND_NODE_IMAGE }]);
  });

  it("builds kind's command lines", () => {
    expect(kindClusterName("r1")).toBe("kubegate-r1");
    expect(kindCreateArgs({ name: "kubegate-r1", configPath: "/t/kind-config.yaml", kubeconfigPath: "/t/kubeconfig" })).toEqual([
      "create", "cluster", "--name", "kubegate-r1", "--config", "/t/kind-config.yaml", "--kubeconfig", "/t/kubeconfig", "--wait", "120s",
    ]);
    expect(kindDeleteArgs("kubegate-r1", "/t/kubeconfig")).toEqual(["delete", "cluster", "--name", "kubegate-r1", "--kubeconfig", "/t/kubeconfig"]);
    expect(kindDeleteArgs("kubegate-r1")).toEqual(["delete", "cluster", "--name", "kubegate-r1"]);
  });

  it("reads kind's version (the pinned image is used only with the kind release it was built for)", () => {
    expect(parseKindVersion("kind v0.33.0 go1.25.4 linux/amd64\n")).toBe("v0.33.0");
    expect(parseKindVersion("kind v0.34.0-alpha+abc go1.26 linux/amd64")).toBe("v0.34.0-alpha+abc");
    expect(parseKindVersion("garbage")).toBeUndefined();
  });

  it("finds kind on PATH, or where $KUBEGATE_KIND says, or not at all", async () => {
    expect(await findKind({ PATH: "/nonexistent-a:/nonexistent-b" })).toBeUndefined();
    expect(await findKind({ PATH: process.env["PATH"] ?? "", KUBEGATE_KIND: "/opt/kind" })).toBe("/opt/kind");
    expect(await findKind({ PATH: process.env["PATH"] ?? "", KUBEGATE_KIND: "none" })).toBeUndefined();
  });
});

describe("KindProvider.isAvailable", () => {
  const rootful = async () => ({ serverVersion: "28.2.2", securityOptions: ["name=seccomp,profile=builtin"] });
  const rootless = async () => ({ serverVersion: "28.2.2", securityOptions: ["name=rootless"] });
  const none = async (): Promise<never> => {
    throw new Error("connect ENOENT /var/run/docker.sock");
  };

  it("is available with a rootful engine, kind CLI or not", async () => {
    expect(await new KindProvider({ dockerProbe: rootful, findKind: async () => undefined }).isAvailable()).toEqual({ available: true });
    expect(await new KindProvider({ dockerProbe: rootful, findKind: async () => "/usr/bin/kind" }).isAvailable()).toEqual({ available: true });
  });

  it("without an engine, says so and that kind needs one too", async () => {
    const withCli = await new KindProvider({ dockerProbe: none, findKind: async () => "/usr/bin/kind" }).isAvailable();
    expect(withCli.available).toBe(false);
    expect(withCli.reason).toMatch(/^no Docker engine reachable \(connect ENOENT \/var\/run\/docker\.sock; .*; the kind CLI \(\/usr\/bin\/kind\) needs a container engine too$/);
    const without = await new KindProvider({ dockerProbe: none, findKind: async () => undefined }).isAvailable();
    expect(without.reason).toMatch(/; the kind CLI is not installed either$/);
  });

  it("rootless Docker: only through the kind CLI, which supports it", async () => {
    expect(await new KindProvider({ dockerProbe: rootless, findKind: async () => "/usr/bin/kind" }).isAvailable()).toEqual({ available: true });
    const tc = await new KindProvider({ dockerProbe: rootless, findKind: async () => undefined }).isAvailable();
    expect(tc.available).toBe(false);
    expect(tc.reason).toMatch(/runs rootless .*; the kind CLI is not installed either$/);
  });

  it("answers within its timeout when the engine hangs", async () => {
    const t0 = Date.now();
    const answer = await new KindProvider({ dockerProbe: () => new Promise(() => {}), findKind: async () => undefined, probeTimeoutMs: 300 }).isAvailable();
    expect(answer.available).toBe(false);
    expect(Date.now() - t0).toBeLessThan(3_000);
  });
});
