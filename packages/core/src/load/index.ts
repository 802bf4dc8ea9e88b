export { loadManifests, parseSources } from "./load-manifests.js";
export { readSources, DEFAULT_MAX_FILE_BYTES, type ReadOptions, type SourceText } from "./read-sources.js";
export type { LocatedObject } from "./to-objects.js";
