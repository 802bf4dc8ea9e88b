export { adapterFor, type ControllerHostCluster, type ControllerStartOptions, type IngressControllerAdapter, type StartedController, type SyncState, type WaitSyncedOptions } from "./ingress-controller.js";
export { controllerCredentials, controllerServiceAccount, bindingsFor, FALLBACK_SERVICE_ACCOUNT, type ControllerCredentials, type ServiceAccountRef } from "./controller-credentials.js";
export * from "./traefik/index.js";
