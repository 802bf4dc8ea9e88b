import { join } from "node:path";
import { builtInApi } from "./builtin-api.js";
import { loadModule, packageRoot } from "./load-esm.js";

/** One ajv error as kubernetes-models' ValidationError carries it in `.errors`. */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Validates a plain object against one Kubernetes type; returns [] when it conforms. */
export type SchemaValidator = (object: unknown) => SchemaError[];

interface ModelClass {
  apiVersion?: unknown;
  kind?: unknown;
  prototype: { validate(this: unknown): void };
}

const cache = new Map<string, SchemaValidator | undefined>();
let root: string | undefined;

/**
 * The kubernetes-models validator of `apiVersion` + `kind`
 * (`kubernetes-models/<group or v1>/<version>/<Kind>`), or undefined when the library does not
 * know that API. Loaded on first use and cached, so a large check pays once per kind.
 */
export function schemaValidator(apiVersion: unknown, kind: unknown): SchemaValidator | undefined {
  const api = builtInApi(apiVersion, kind);
  if (!api) return undefined;
  const key = `${apiVersion as string}/${api.kind}`;
  if (cache.has(key)) return cache.get(key);
  root ??= packageRoot("kubernetes-models");
  const file = api.group === "" ? join(root, api.version, `${api.kind}.js`) : join(root, api.group, api.version, `${api.kind}.js`);
  const model = loadModule(file)?.[api.kind] as ModelClass | undefined;
  // Sub-types (DeploymentSpec) live beside the kinds; only a class that is the kind itself counts.
  const validator = model && model.apiVersion === apiVersion && model.kind === api.kind ? toValidator(model) : undefined;
  cache.set(key, validator);
  return validator;
}

function toValidator(model: ModelClass): SchemaValidator {
  return (object) => {
    try {
      // `validate` only reads `this`; calling it on a JSON copy skips the model's own deep copy
      // and turns js-yaml's Date values (unquoted timestamps) into strings, as kubectl sends them.
      model.prototype.validate.call(JSON.parse(JSON.stringify(object)));
      return [];
    } catch (error) {
      const errors = (error as { errors?: unknown }).errors;
      if (!Array.isArray(errors)) throw error;
      return errors as SchemaError[];
    }
  };
}
