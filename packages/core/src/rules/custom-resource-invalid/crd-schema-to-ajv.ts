import type { Format } from "ajv";
import { fullFormats } from "ajv-formats/dist/formats.js";

export type JsonSchema = Record<string, unknown>;

export interface ConvertOptions {
  /**
   * apiextensions.k8s.io/v1 CRDs (and v1beta1 ones with `preserveUnknownFields: false`) prune
   * fields their schema does not name: the API server drops them silently instead of rejecting
   * the object. Pruned nodes get `additionalProperties: false` so ajv names those fields.
   */
  prune: boolean;
}

/**
 * Formats the API server checks, implemented the way Kubernetes (go-openapi strfmt) reads them.
 * Every other format is dropped: ajv's versions (duration = ISO 8601, uri = RFC 3986) are stricter
 * than Kubernetes' and would report values the API server accepts.
 */
export const K8S_FORMATS: Record<string, Format> = {
  int32: fullFormats.int32,
  int64: fullFormats.int64,
  byte: fullFormats.byte,
  ipv4: fullFormats.ipv4,
  ipv6: fullFormats.ipv6,
  uuid: fullFormats.uuid,
  // strfmt.DateTime accepts RFC 3339 and several looser layouts (no seconds, no zone).
  "date-time": /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?$/,
  date: /^\d{4}-\d{2}-\d{2}$/,
};

/** Keywords copied as they are; descriptions, defaults, examples and CEL rules are dropped. */
const VALUE_KEYWORDS = new Set([
  "type", "enum", "required", "minimum", "maximum", "multipleOf", "minLength", "maxLength",
  "minItems", "maxItems", "uniqueItems", "minProperties", "maxProperties",
]);

/** What the API server validates of ObjectMeta in a CR: its own rules, not the CRD's schema. */
const OBJECT_META: JsonSchema = {
  type: "object",
  properties: {
    name: { type: "string" },
    generateName: { type: "string" },
    namespace: { type: "string" },
    labels: { type: "object", additionalProperties: { type: "string" } },
    annotations: { type: "object", additionalProperties: { type: "string" } },
  },
};
const ROOT_META: JsonSchema = { ...OBJECT_META, required: ["name"] };

/** Converts a CRD's `openAPIV3Schema` (OpenAPI 3.0 + Kubernetes extensions) to a draft-07 schema for ajv. */
export function crdSchemaToAjv(schema: JsonSchema, options: ConvertOptions): JsonSchema {
  const root = convertNode(schema, options.prune, false);
  return {
    ...root,
    type: "object",
    properties: {
      ...(isRecord(root.properties) ? root.properties : {}),
      apiVersion: { type: "string" },
      kind: { type: "string" },
      metadata: ROOT_META,
    },
  };
}

/**
 * A schema that constrains nothing below the root (Traefik v2.4's CRDs have none at all; others
 * only say `type: object` + `x-kubernetes-preserve-unknown-fields`): the API server accepts any
 * content, so the object is checked against the @kubernetes-models schemas instead.
 */
export function isSchemaless(schema: JsonSchema | undefined): boolean {
  if (!schema || !isRecord(schema.properties)) return true;
  return Object.entries(schema.properties).every(([name, node]) => ["apiVersion", "kind", "metadata", "status"].includes(name) || !constrains(node));
}

function constrains(node: unknown): boolean {
  if (!isRecord(node)) return false;
  const typeOnly = Object.keys(node).every((k) => k === "type" || k === "description" || k.startsWith("x-kubernetes-"));
  return !(typeOnly && node.type === "object" && node["x-kubernetes-preserve-unknown-fields"] === true);
}

function convertNode(node: JsonSchema, prune: boolean, inJunctor: boolean): JsonSchema {
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(node)) {
    if (VALUE_KEYWORDS.has(key)) out[key] = value;
    else if (key === "properties" && isRecord(value)) {
      out.properties = Object.fromEntries(Object.entries(value).filter(([, c]) => isRecord(c)).map(([k, c]) => [k, convertNode(c as JsonSchema, prune, false)]));
    } else if (key === "items") {
      if (Array.isArray(value)) out.items = value.filter(isRecord).map((c) => convertNode(c, prune, false));
      else if (isRecord(value)) out.items = convertNode(value, prune, false);
    } else if (key === "additionalProperties") {
      out.additionalProperties = isRecord(value) ? convertNode(value, prune, false) : value;
    } else if ((key === "allOf" || key === "anyOf" || key === "oneOf") && Array.isArray(value)) {
      // Structural schemas only allow value checks in junctors: their fields are declared outside.
      out[key] = value.filter(isRecord).map((c) => convertNode(c, prune, true));
    } else if (key === "not" && isRecord(value)) out.not = convertNode(value, prune, true);
    else if (key === "pattern" && typeof value === "string" && isJsRegExp(value)) out.pattern = value;
    else if (key === "format" && typeof value === "string" && value in K8S_FORMATS) out.format = value;
  }
  // OpenAPI 3.0 spells exclusive bounds as booleans beside minimum/maximum; draft-07 as numbers.
  for (const [flag, bound] of [["exclusiveMinimum", "minimum"], ["exclusiveMaximum", "maximum"]] as const) {
    if (node[flag] === true && typeof node[bound] === "number") {
      out[flag] = node[bound];
      delete out[bound];
    }
  }
  if (node["x-kubernetes-int-or-string"] === true) {
    delete out.type;
    if (!out.anyOf && !out.oneOf) out.type = ["integer", "string"];
  }
  if (node.nullable === true && typeof out.type === "string") out.type = [out.type, "null"];
  if (node["x-kubernetes-embedded-resource"] === true) {
    out.properties = { ...(isRecord(out.properties) ? out.properties : {}), apiVersion: { type: "string" }, kind: { type: "string" }, metadata: OBJECT_META };
    out.required = [...new Set([...(Array.isArray(out.required) ? out.required : []), "apiVersion", "kind"])];
  }
  const isObject = node.type === "object" || isRecord(node.properties);
  if (prune && !inJunctor && isObject && node.additionalProperties === undefined && node["x-kubernetes-preserve-unknown-fields"] !== true) {
    out.additionalProperties = false;
  }
  return out;
}

/** CRD patterns are Go RE2; the few RE2-only forms (`(?i)`) would make ajv throw, so they are skipped. */
function isJsRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern, "u");
    return true;
  } catch {
    return false;
  }
}

function isRecord(value: unknown): value is JsonSchema {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
