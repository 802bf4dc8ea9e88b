/**
 * The node image the testcontainers path runs, pinned by digest as kind's release notes require
 * ("You must use the @sha256 digest to guarantee an image built for this release"). From kind
 * v0.33.0's "Images pre-built for this release" (https://github.com/kubernetes-sigs/kind/releases/tag/v0.33.0):
 * Kubernetes 1.34, the minor the local provider's kube-apiserver runs, so both providers stage
 * against the same API.
 */
export const KIND_RELEASE = "v0.33.0";
export const KIND_NODE_KUBERNETES_VERSION = "v1.34.11";
export const KIND_NODE_IMAGE = `kindest/node:${KIND_NODE_KUBERNETES_VERSION}@sha256:44e222ee2132dab25ff87301682f89eb82c7880ea3a1bf543bfe9708fd08d67d`;
