export { LocalProvider, type LocalProviderOptions } from "./local-provider.js";
export type { LocalStartedCluster, LocalComponent } from "./local-cluster.js";
export type { ControllerAccess, ControllerAccessOptions } from "../common/controller-access.js";
export { INSIDE, INSIDE_API_SERVER } from "./component-args.js";
