/**
 * The k3s image, Kubernetes 1.34 like the local provider and the kind node image. Pinned by tag:
 * v1.34.8+k3s1 is the 1.34 patch Rancher ships with (rancher/rancher PR 55519). Its digest could
 * not be looked up from the machine this was written on (no registry access); the workflow prints
 * the digest it pulled, so it can be added here as `@sha256:...`.
 */
export const K3S_KUBERNETES_VERSION = "v1.34.8+k3s1";
export const K3S_IMAGE = "rancher/k3s:v1.34.8-k3s1";
