export { loadConfig, parseConfig, DEFAULT_CONFIG_FILE } from "./load-config.js";
export type { KubegateConfig, RuleSetting, Acknowledgement, ReleaseConfig } from "./config.js";
