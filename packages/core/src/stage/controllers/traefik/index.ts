export { TraefikAdapter, traefikContainerArgs } from "./traefik-adapter.js";
export { parseTraefikArgs, rewriteTraefikArgs, formatTraefikFlag, parseAddress, KUBERNETES_PROVIDERS, STAGING_API_PORT, OFFLINE_ACME_CA, type TraefikFlag, type TraefikRewrite, type TraefikRewriteContext, type EntrypointSpec } from "./traefik-args.js";
export { chooseTraefikBuild, TRAEFIK_TOOLS, type TraefikBuildChoice, type TraefikTool } from "./traefik-version.js";
