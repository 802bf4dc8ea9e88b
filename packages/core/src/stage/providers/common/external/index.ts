export { startExternalCluster, waitApiReady, type ExternalClusterOptions } from "./external-cluster.js";
export { apiServerEndpoint, type ApiServerEndpoint } from "./api-server-endpoint.js";
