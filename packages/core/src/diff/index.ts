export { diffSets, type DiffOptions } from "./diff-sets.js";
export { canonicalYaml } from "./canonical-yaml.js";
export { flatten } from "./flatten.js";
export { detectRenames, RENAME_SIMILARITY } from "./detect-renames.js";
