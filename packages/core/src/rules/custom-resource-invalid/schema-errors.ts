import type { ErrorObject } from "ajv";
import { looksLikeCredential } from "../../secrets/index.js";

/** One problem at one field, ready for a message. */
export interface SchemaIssue {
  /** `spec.routes[0].services[0].port`. */
  path: string;
  /** "expected integer or string, got true". */
  problem: string;
  /** A field the schema does not name: pruned by the API server, not rejected. */
  unknownField: boolean;
}

/**
 * Turns ajv errors into one issue per field: the several `type` errors an int-or-string
 * `anyOf` produces become "expected integer or string", and the `anyOf`/`oneOf` summary error is
 * dropped when its branches already said what is wrong.
 */
export function describeErrors(errors: ErrorObject[], object: unknown): SchemaIssue[] {
  const groups = new Map<string, Group>();
  for (const error of errors) {
    const segments = pointerSegments(error.instancePath);
    const extra = error.keyword === "required" ? error.params.missingProperty : error.keyword === "additionalProperties" ? error.params.additionalProperty : undefined;
    const at = typeof extra === "string" ? [...segments, extra] : segments;
    const path = formatPath(at);
    const group = groups.get(path) ?? { segments: at, types: new Set(), problems: new Set(), unknown: false, junctor: false };
    groups.set(path, group);
    const value = valueAt(object, segments);
    const key = segments[segments.length - 1] ?? "";
    switch (error.keyword) {
      case "type":
        for (const t of [error.params.type].flat()) group.types.add(String(t));
        break;
      case "required":
        group.problems.add("required field is missing");
        break;
      case "additionalProperties":
        group.unknown = true;
        break;
      case "enum":
        group.problems.add(`expected one of ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}, got ${describeValue(value, key)}`);
        break;
      case "const":
        group.problems.add(`expected ${JSON.stringify(error.params.allowedValue)}, got ${describeValue(value, key)}`);
        break;
      case "pattern":
        group.problems.add(`must match ${error.params.pattern}, got ${describeValue(value, key)}`);
        break;
      case "format":
        group.problems.add(`must be a valid ${error.params.format}, got ${describeValue(value, key)}`);
        break;
      case "anyOf":
      case "oneOf":
        group.junctor = true;
        break;
      default:
        group.problems.add(error.message ?? `fails ${error.keyword}`);
    }
  }
  const issues: SchemaIssue[] = [];
  for (const [path, group] of groups) {
    if (group.unknown) issues.push({ path, problem: "is not in the schema", unknownField: true });
    if (group.types.size > 0) {
      const value = valueAt(object, group.segments);
      const key = group.segments[group.segments.length - 1] ?? "";
      issues.push({ path, problem: `expected ${[...group.types].join(" or ")}, got ${describeValue(value, key)}`, unknownField: false });
    }
    for (const problem of group.problems) issues.push({ path, problem, unknownField: false });
    const explained = group.types.size > 0 || group.problems.size > 0 || [...groups.values()].some((g) => g !== group && isBeneath(g.segments, group.segments));
    if (group.junctor && !explained) issues.push({ path, problem: "matches none of the allowed forms", unknownField: false });
  }
  return issues;
}

/** `/spec/routes/0/services/0/port` -> ["spec", "routes", "0", "services", "0", "port"]. */
export function pointerSegments(pointer: string): string[] {
  if (pointer === "") return [];
  return pointer.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
}

/** ["spec", "routes", "0", "port"] -> `spec.routes[0].port`; odd keys as `annotations["a.b/c"]`. */
export function formatPath(segments: string[]): string {
  let out = "";
  for (const s of segments) {
    if (/^\d+$/.test(s)) out += `[${s}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out || "(object)";
}

/** Never quotes a value under a credential-looking key; long strings are described, not quoted. */
export function describeValue(value: unknown, key: string): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (looksLikeCredential(key)) return `a ${typeof value}`;
  if (typeof value === "string") return value.length <= 40 ? `the string ${JSON.stringify(value)}` : "a string";
  return String(value);
}

function valueAt(object: unknown, segments: string[]): unknown {
  let node = object;
  for (const s of segments) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[s];
  }
  return node;
}

function isBeneath(path: string[], parent: string[]): boolean {
  return path.length > parent.length && parent.every((s, i) => path[i] === s);
}

interface Group {
  segments: string[];
  types: Set<string>;
  problems: Set<string>;
  unknown: boolean;
  junctor: boolean;
}
