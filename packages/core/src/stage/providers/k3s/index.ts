export { K3sProvider, type K3sProviderOptions } from "./k3s-provider.js";
export { K3S_IMAGE, K3S_KUBERNETES_VERSION } from "./k3s-image.js";
export { K3S_CONTROLLERS, K3sNodeContainer, k3sContainerSpec, k3sServerArgs } from "./k3s-container.js";
