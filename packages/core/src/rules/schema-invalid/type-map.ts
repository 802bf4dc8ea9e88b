import { join } from "node:path";
import { builtInApi } from "./builtin-api.js";
import { loadModule, packageRoot } from "./load-esm.js";

/** Field name (as written in YAML) -> type name of @kubernetes/client-node's model. */
export type FieldTypes = ReadonlyMap<string, string>;

interface GeneratedModel {
  attributeTypeMap?: { baseName: string; type: string }[];
}

const cache = new Map<string, FieldTypes | undefined>();
let modelsDir: string | undefined;
const TYPE_NAME = /^[A-Za-z][A-Za-z0-9]*$/;

/**
 * Fields of a generated client-node model (`V1PodSpec`, `CoreV1Event`), from its static
 * `attributeTypeMap`; undefined for unknown names. Loaded on first use and cached.
 */
export function fieldTypes(typeName: string): FieldTypes | undefined {
  if (cache.has(typeName)) return cache.get(typeName);
  let fields: FieldTypes | undefined;
  if (TYPE_NAME.test(typeName)) {
    modelsDir ??= join(packageRoot("@kubernetes/client-node"), "dist", "gen", "models");
    const model = loadModule(join(modelsDir, `${typeName}.js`))?.[typeName] as GeneratedModel | undefined;
    if (Array.isArray(model?.attributeTypeMap)) fields = new Map(model.attributeTypeMap.map((a) => [a.baseName, a.type]));
  }
  cache.set(typeName, fields);
  return fields;
}

/**
 * The client-node model of a built-in kind. Models are named `<Version><Kind>` (apps/v1
 * Deployment -> V1Deployment); when two groups share a kind the generator prefixes the group
 * (v1 Event -> CoreV1Event, events.k8s.io/v1 Event -> EventsV1Event), and the plain name may
 * then be an unrelated sub-type (V1ResourceClaim is a container's claim, not resource.k8s.io's
 * ResourceClaim). So the prefixed name is tried first and a candidate only counts when it is a
 * top-level object (has apiVersion, kind and metadata).
 */
export function rootTypeName(apiVersion: unknown, kind: unknown): string | undefined {
  const api = builtInApi(apiVersion, kind);
  if (!api) return undefined;
  const version = api.version.charAt(0).toUpperCase() + api.version.slice(1);
  const groupPrefix = api.group === "" ? "Core" : capitalize(api.group.split(".")[0]!);
  for (const name of [`${groupPrefix}${version}${api.kind}`, `${version}${api.kind}`]) {
    const fields = fieldTypes(name);
    if (fields?.has("apiVersion") && fields.has("kind") && fields.has("metadata")) return name;
  }
  return undefined;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
