import type { KubeObject, SourceLocation } from "../model/kube-object.js";
import type { InputProblem } from "../model/input-error.js";

export interface LocatedObject {
  object: KubeObject;
  source: SourceLocation;
}

/**
 * Checks that a parsed document is a Kubernetes object (or a List of them) and unwraps
 * Lists, so `kubectl get -o yaml` output loads like separate documents.
 */
export function toObjects(value: unknown, source: SourceLocation, problems: InputProblem[]): LocatedObject[] {
  const at = { file: source.file, line: source.line, documentIndex: source.documentIndex };
  if (value === null || value === undefined) return [];
  if (typeof value !== "object" || Array.isArray(value)) {
    problems.push({ ...at, message: `document is ${Array.isArray(value) ? "a list" : `a ${typeof value}`}, not a Kubernetes object` });
    return [];
  }
  const obj = withGeneratedName(value as Record<string, unknown>);
  // `{}`: an empty document (a template that rendered nothing), like an empty one.
  if (Object.keys(obj).length === 0) return [];
  if (typeof obj.kind === "string" && /List$/.test(obj.kind) && Array.isArray(obj.items)) {
    return obj.items.flatMap((item, i) => {
      const nested = toObjects(item, source, []);
      if (nested.length === 0) problems.push({ ...at, message: `${safeKind(obj.kind)} item ${i} is not a Kubernetes object with apiVersion, kind and metadata.name` });
      return nested;
    });
  }
  const missing = [
    typeof obj.apiVersion === "string" && obj.apiVersion !== "" ? undefined : "apiVersion",
    typeof obj.kind === "string" && obj.kind !== "" ? undefined : "kind",
    hasName(obj.metadata) ? undefined : "metadata.name",
  ].filter((m): m is string => m !== undefined);
  if (missing.length > 0) {
    const what = typeof obj.kind === "string" && safeKind(obj.kind) !== "object" ? `${obj.kind} object` : "object";
    problems.push({ ...at, message: `${what} has no ${missing.join(", ")}` });
    return [];
  }
  return [{ object: obj as KubeObject, source }];
}

function hasName(meta: unknown): boolean {
  if (meta === null || typeof meta !== "object") return false;
  const name = (meta as Record<string, unknown>).name;
  return typeof name === "string" && name !== "";
}

/** Suffix standing in for the random one the API server appends to `metadata.generateName`. */
export const GENERATED_NAME_SUFFIX = "generated";

/**
 * An object with `metadata.generateName` and no name (a Job created per run) gets its name from
 * the API server (generateName + random suffix). kubegate names it generateName + "generated" so
 * it can be diffed, checked and staged like any other object.
 */
function withGeneratedName(obj: Record<string, unknown>): Record<string, unknown> {
  const meta = obj.metadata;
  if (meta === null || typeof meta !== "object" || hasName(meta)) return obj;
  const generateName = (meta as Record<string, unknown>).generateName;
  if (typeof generateName !== "string" || generateName === "") return obj;
  return { ...obj, metadata: { ...(meta as Record<string, unknown>), name: `${generateName}${GENERATED_NAME_SUFFIX}` } };
}

/** A kind is echoed only when it looks like one: anything else in that field could be any text. */
function safeKind(kind: unknown): string {
  return typeof kind === "string" && /^[A-Z][A-Za-z0-9]{0,62}$/.test(kind) ? kind : "object";
}
