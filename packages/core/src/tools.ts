/** @kubegate/core/tools: the Go tools kubegate builds from pinned modules (etcd, kube-apiserver, Traefik, helm, helmfile, kustomize, ...). */
export { ensureTool, ensureTools, toolPath, toolsDir } from "./stage/tools/build-tool.js";
export { goBinary } from "./stage/tools/go-run.js";
export { TOOL_VERSIONS, DEFAULT_TOOLS, type ToolName } from "./stage/tools/versions.js";
