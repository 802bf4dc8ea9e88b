import { formatPath, pointerSegments, valueAt } from "./field-path.js";
import type { SchemaError } from "./model-lookup.js";

/** One thing wrong with an object, ready for a message. */
export interface Problem {
  path: string;
  message: string;
}

/**
 * Turns ajv errors into one problem per field. An int-or-string or quantity field fails every
 * branch of its `oneOf`; the branches are merged into "must be integer or string" instead of
 * three lines. Values are never quoted: the field may hold a secret.
 */
export function describeSchemaErrors(errors: readonly SchemaError[], object: unknown): Problem[] {
  const byPath = new Map<string, SchemaError[]>();
  for (const error of errors) {
    const list = byPath.get(error.instancePath) ?? [];
    list.push(error);
    byPath.set(error.instancePath, list);
  }
  const problems: Problem[] = [];
  for (const [pointer, group] of byPath) {
    const segments = pointerSegments(pointer, object);
    const value = valueAt(object, segments);
    const alternatives = group.some((e) => e.keyword === "oneOf" || e.keyword === "anyOf");
    if (alternatives) {
      const branches = [...new Set(group.filter((e) => e.keyword !== "oneOf" && e.keyword !== "anyOf").map(branchName))];
      problems.push({ path: formatPath(segments), message: `must be ${branches.length > 0 ? branches.join(" or ") : "one of the allowed forms"}${got(value)}` });
      continue;
    }
    for (const error of group) {
      if (error.keyword === "required") {
        problems.push({ path: formatPath([...segments, String(error.params.missingProperty)]), message: "required field is missing" });
      } else {
        problems.push({ path: formatPath(segments), message: describeOne(error, value) });
      }
    }
  }
  return problems;
}

function describeOne(error: SchemaError, value: unknown): string {
  switch (error.keyword) {
    case "type":
      return `must be ${String(error.params.type)}${got(value)}`;
    case "enum":
      return `must be one of ${(error.params.allowedValues as unknown[]).map(String).join(", ")}`;
    case "format":
      return `must be ${formatName(String(error.params.format))}`;
    default:
      return error.message ?? `fails ${error.keyword}`;
  }
}

function branchName(error: SchemaError): string {
  if (error.keyword === "type") return String(error.params.type);
  if (error.keyword === "format") return formatName(String(error.params.format));
  return error.message ?? error.keyword;
}

const FORMATS: Record<string, string> = {
  byte: "base64-encoded",
  quantity: "a quantity like 500m or 1Gi",
  "date-time": "an RFC 3339 date-time",
};

function formatName(format: string): string {
  return FORMATS[format] ?? `a valid ${format}`;
}

/** The JSON type of the value (never the value itself). */
function got(value: unknown): string {
  if (value === undefined) return "";
  const type = value === null ? "null" : Array.isArray(value) ? "array" : Number.isInteger(value) ? "integer" : typeof value;
  return `, got ${type}`;
}
