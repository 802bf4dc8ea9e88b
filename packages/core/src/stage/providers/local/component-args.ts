/**
 * Command lines of etcd and kube-apiserver inside the sandbox. Fixed ports are fine: every
 * run has its own network namespace, so nothing can collide.
 */
import { join } from "node:path";
import type { ClusterPki } from "./pki.js";

export const INSIDE = {
  etcdClientPort: 2379,
  etcdPeerPort: 2380,
  apiServerPort: 6443,
  /** What the API server advertises (on the sandbox's stand-in link; 198.18.0.0/15 is for tests). */
  advertiseAddress: "198.18.0.1",
  serviceCidr: "10.96.0.0/16",
  /** First address of the service range: the `kubernetes` Service's ClusterIP. */
  kubernetesServiceIp: "10.96.0.1",
} as const;

/** How processes inside the sandbox reach the API server. */
export const INSIDE_API_SERVER = `https://127.0.0.1:${INSIDE.apiServerPort}`;

export const SERVER_DNS_NAMES = ["localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local"] as const;
export const SERVER_IPS = ["127.0.0.1", INSIDE.kubernetesServiceIp, INSIDE.advertiseAddress] as const;

/** Files of a run, all inside its run dir: one path per piece of the cluster's PKI, plus the rest. */
export type RunFiles = { dir: string; etcdData: string; certDir: string; kubeconfig: string } & { readonly [K in keyof ClusterPki]: string };

export function runFiles(dir: string): RunFiles {
  const pki = join(dir, "pki");
  return {
    dir,
    etcdData: join(dir, "etcd"),
    certDir: pki,
    caCert: join(pki, "ca.crt"),
    serverCert: join(pki, "apiserver.crt"),
    serverKey: join(pki, "apiserver.key"),
    adminCert: join(pki, "admin.crt"),
    adminKey: join(pki, "admin.key"),
    serviceAccountKey: join(pki, "sa.key"),
    serviceAccountPublicKey: join(pki, "sa.pub"),
    kubeconfig: join(dir, "kubeconfig"),
  };
}

export function etcdArgs(files: RunFiles): string[] {
  const client = `http://127.0.0.1:${INSIDE.etcdClientPort}`;
  const peer = `http://127.0.0.1:${INSIDE.etcdPeerPort}`;
  return [
    "--name=kubegate",
    `--data-dir=${files.etcdData}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=kubegate=${peer}`,
    "--initial-cluster-state=new",
    // Throwaway data: durability buys nothing and fsync dominates etcd's latency on slow disks.
    "--unsafe-no-fsync=true",
    "--log-level=warn",
  ];
}

export function apiServerArgs(files: RunFiles): string[] {
  return [
    `--etcd-servers=http://127.0.0.1:${INSIDE.etcdClientPort}`,
    // Loopback of the namespace only: controllers inside reach it at 127.0.0.1, and stand-ins
    // on 198.18.x.y may use any port (a Service targeting 6443 must not collide with the API server).
    "--bind-address=127.0.0.1",
    `--secure-port=${INSIDE.apiServerPort}`,
    `--advertise-address=${INSIDE.advertiseAddress}`,
    `--service-cluster-ip-range=${INSIDE.serviceCidr}`,
    `--cert-dir=${files.certDir}`,
    `--tls-cert-file=${files.serverCert}`,
    `--tls-private-key-file=${files.serverKey}`,
    `--client-ca-file=${files.caCert}`,
    "--service-account-issuer=https://kubernetes.default.svc",
    `--service-account-key-file=${files.serviceAccountPublicKey}`,
    `--service-account-signing-key-file=${files.serviceAccountKey}`,
    // RBAC like a real cluster: a controller's ClusterRole from the user's manifests matters.
    "--authorization-mode=RBAC",
    // No kubelets, no controller-manager: nothing would maintain endpoints; and APF only costs
    // CPU in a single-user cluster.
    "--endpoint-reconciler-type=none",
    "--enable-priority-and-fairness=false",
    "--profiling=false",
  ];
}
