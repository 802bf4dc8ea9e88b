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
  const obj = value as Record<string, unknown>;
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

/** A kind is echoed only when it looks like one: anything else in that field could be any text. */
function safeKind(kind: unknown): string {
  return typeof kind === "string" && /^[A-Z][A-Za-z0-9]{0,62}$/.test(kind) ? kind : "object";
}
