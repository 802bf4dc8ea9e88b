/**
 * The testcontainers path: one kind node container started the way kind's docker provider starts
 * nodes (pkg/cluster/internal/providers/docker/provision.go): privileged, seccomp and AppArmor
 * unconfined, tmpfs /tmp and /run, an anonymous volume for /var, /lib/modules read-only, a private
 * cgroup namespace, hostname = node name, the API server published on 127.0.0.1 only.
 */
import { GenericContainer, Wait } from "testcontainers";
import { applyNodeContainerSpec, finishCreateOptions, type NodeContainerSpec } from "../common/docker/container-spec.js";
import { runLabels } from "../common/docker/labels.js";
import { API_SERVER_PORT } from "./kubeadm-config.js";
import { KIND_NODE_IMAGE } from "./kind-image.js";
import { kindClusterName } from "./kind-cli.js";

export interface KindNodeOptions {
  runId: string;
  image?: string;
}

export function kindNodeName(runId: string): string {
  return `${kindClusterName(runId)}-control-plane`;
}

export function kindNodeContainerSpec(options: KindNodeOptions): NodeContainerSpec {
  const name = kindNodeName(options.runId);
  return {
    image: options.image ?? KIND_NODE_IMAGE,
    name,
    hostname: name,
    labels: {
      ...runLabels(options.runId, "kind"),
      // kind's own labels: `kind get clusters` lists the node, `kind delete cluster` removes it.
      "io.x-k8s.kind.cluster": kindClusterName(options.runId),
      "io.x-k8s.kind.role": "control-plane",
    },
    // container=docker tells systemd it runs in a container; KUBECONFIG lets `kubectl` in a `docker exec` work.
    env: { container: "docker", KUBECONFIG: "/etc/kubernetes/admin.conf" },
    privileged: true,
    securityOpt: ["seccomp=unconfined", "apparmor=unconfined"],
    tmpfs: { "/tmp": "rw", "/run": "rw" },
    // Pods, logs and containerd's images live there, off the container's overlay filesystem.
    anonymousVolumes: ["/var"],
    binds: [{ source: "/lib/modules", target: "/lib/modules", mode: "ro" }],
    cgroupns: "private",
    ports: [API_SERVER_PORT],
  };
}

/**
 * systemd reached its default target and containerd listens: what kind waits for ("Reached target
 * Multi-User System") before kubeadm init. Asked with `systemctl`, not read from the log: without
 * a TTY systemd does not print its status lines, and with one testcontainers cannot demux the log.
 */
export const SYSTEMD_READY =
  's=$(systemctl is-system-running 2>/dev/null); { [ "$s" = running ] || [ "$s" = degraded ]; } && test -S /run/containerd/containerd.sock';

export class KindNodeContainer extends GenericContainer {
  constructor(readonly spec: NodeContainerSpec) {
    super(spec.image);
    applyNodeContainerSpec(this, spec);
    finishCreateOptions(this.createOpts, this.hostConfig, spec);
    this.withWaitStrategy(Wait.forSuccessfulCommand(SYSTEMD_READY)).withStartupTimeout(120_000);
  }
}
