import { Ajv, type ErrorObject } from "ajv";
import { K8S_FORMATS, type JsonSchema } from "./crd-schema-to-ajv.js";

export interface ObjectValidator {
  /** Where the schema comes from, for messages: "CRD ingressroutes.traefik.io v1alpha1". */
  source: string;
  /** ajv errors; empty when the object is valid. */
  validate(object: unknown): ErrorObject[];
}

export interface CompileFailure {
  source: string;
  error: string;
}

/**
 * Compiles each CRD schema once per run: a change with 10,000 IngressRoutes compiles the
 * IngressRoute schema once. One cache lives for one rule run, so a CRD edited between two runs
 * (same key, different schema) is never served from a stale entry.
 */
export class ValidatorCache {
  private ajv: Ajv | undefined;
  private readonly entries = new Map<string, ObjectValidator | CompileFailure>();

  /** `key` identifies the schema (side + CRD + version); `schema` is only built on a miss. */
  get(key: string, source: string, schema: () => JsonSchema): ObjectValidator | CompileFailure {
    const cached = this.entries.get(key);
    if (cached) return cached;
    const entry = this.compile(source, schema);
    this.entries.set(key, entry);
    return entry;
  }

  get size(): number {
    return this.entries.size;
  }

  private compile(source: string, schema: () => JsonSchema): ObjectValidator | CompileFailure {
    try {
      const fn = this.instance().compile(schema());
      return { source, validate: (object) => (fn(object) ? [] : [...(fn.errors ?? [])]) };
    } catch (error) {
      return { source, error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Created on first use: most changes carry no CRD with a schema. */
  private instance(): Ajv {
    if (!this.ajv) {
      // Schemas come from third-party CRDs: unknown keywords are ignored, never fatal, never logged.
      this.ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateSchema: false, addUsedSchema: false });
      for (const [name, format] of Object.entries(K8S_FORMATS)) this.ajv.addFormat(name, format);
    }
    return this.ajv;
  }
}

export function isCompileFailure(entry: ObjectValidator | CompileFailure): entry is CompileFailure {
  return "error" in entry;
}
