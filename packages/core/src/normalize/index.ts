export { normalize, resourceKey, describeRef, type NormalizeOptions } from "./normalize.js";
export { canonicalGroup, groupOf, versionOf } from "./canonical-group.js";
export { ScopeIndex } from "./scope.js";
export type { IgnoreDifference } from "./ignore-differences.js";
