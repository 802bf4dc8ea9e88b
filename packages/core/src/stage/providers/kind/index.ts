export { KindProvider, type KindProviderOptions } from "./kind-provider.js";
export { KIND_NODE_IMAGE, KIND_NODE_KUBERNETES_VERSION, KIND_RELEASE } from "./kind-image.js";
export { kindNodeContainerSpec, KindNodeContainer, kindNodeName } from "./node-container.js";
export { kubeadmConfig, type KubeadmConfigData } from "./kubeadm-config.js";
export { kindClusterConfig } from "./kind-config.js";
export { DISABLED_CONTROLLERS, controllersFlag } from "../common/controller-args.js";
