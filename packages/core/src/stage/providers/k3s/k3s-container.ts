/**
 * The k3s server container: @testcontainers/k3s's K3sContainer (privileged, host cgroup
 * namespace with /sys/fs/cgroup bound, tmpfs /run and /var/run, waits for "Node controller sync
 * successful"), with kubegate's name and labels, the API server published on 127.0.0.1 only, and
 * the server flags below in place of its default `server --disable=traefik`.
 */
import { K3sContainer } from "@testcontainers/k3s";
import { controllersFlag } from "../common/controller-args.js";
import { applyNodeContainerSpec, finishCreateOptions, type NodeContainerSpec } from "../common/docker/container-spec.js";
import { runLabels } from "../common/docker/labels.js";
import { K3S_IMAGE } from "./k3s-image.js";

export const K3S_API_PORT = 6443;
/** K3sContainer also exposes the Rancher webhook port; published on loopback like the API server. */
export const K3S_WEBHOOK_PORT = 8443;

/** k3s's own default --controllers ("*,tokencleaner"), minus the endpoint controllers (controller-args.ts says why). */
export const K3S_CONTROLLERS = controllersFlag(["*", "tokencleaner"]);

/**
 * `k3s server` flags. Traefik would be a second ingress controller fighting kubegate's over the
 * same Ingresses; ServiceLB (klipper) would run pods for every LoadBalancer Service; metrics-server
 * is useless here. The TLS SANs make the serving certificate valid for the published address.
 */
export function k3sServerArgs(): string[] {
  return [
    "server",
    "--disable=traefik",
    "--disable=servicelb",
    "--disable=metrics-server",
    `--kube-controller-manager-arg=controllers=${K3S_CONTROLLERS}`,
    "--tls-san=127.0.0.1",
    "--tls-san=localhost",
  ];
}

export function k3sContainerName(runId: string): string {
  return `kubegate-${runId}-k3s`;
}

export function k3sContainerSpec(options: { runId: string; image?: string }): NodeContainerSpec {
  return {
    image: options.image ?? K3S_IMAGE,
    name: k3sContainerName(options.runId),
    labels: runLabels(options.runId, "k3s"),
    env: {},
    // Privileged, tmpfs and the cgroup bind are K3sContainer's own; repeated here so the spec
    // says everything the container gets (withTmpFs merges; binds are left to K3sContainer).
    privileged: true,
    securityOpt: [],
    tmpfs: { "/run": "rw", "/var/run": "rw" },
    anonymousVolumes: [],
    binds: [],
    ports: [K3S_API_PORT, K3S_WEBHOOK_PORT],
    command: k3sServerArgs(),
  };
}

export class K3sNodeContainer extends K3sContainer {
  constructor(readonly spec: NodeContainerSpec) {
    super(spec.image);
    applyNodeContainerSpec(this, spec);
    finishCreateOptions(this.createOpts, this.hostConfig, spec);
  }
}
