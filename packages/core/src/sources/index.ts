export { resolveSources, toRequest } from "./resolve-sources.js";
export type { CheckInput, SourceRequest, SourceOptions, SourceUnit, ResolvedSources } from "./source-request.js";
export { classifyPath, HELMFILE_ENTRIES, type PathKind } from "./classify-path.js";
export { stripHooks, type SkippedHooks } from "./helmfile/strip-hooks.js";
