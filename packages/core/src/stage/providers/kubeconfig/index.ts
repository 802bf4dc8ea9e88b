export { KubeconfigProvider, type KubeconfigProviderOptions } from "./kubeconfig-provider.js";
export { OVERRIDE_FLAG, THROWAWAY_LABEL } from "./throwaway-marker.js";
