import { BUILTIN_GROUPS } from "../shared/builtin-groups.js";

export interface BuiltInApi {
  group: string;
  version: string;
  kind: string;
}

// Kind and version become file names in the libraries: only accept what Kubernetes can name,
// so a manifest cannot point a lookup at another file ("../../x").
const VERSION = /^v\d+(?:(?:alpha|beta)\d+)?$/;
const KIND = /^[A-Z][A-Za-z0-9]*$/;

/** Splits apiVersion + kind of a built-in API, or undefined for CRDs and malformed input. */
export function builtInApi(apiVersion: unknown, kind: unknown): BuiltInApi | undefined {
  if (typeof apiVersion !== "string" || typeof kind !== "string" || !KIND.test(kind)) return undefined;
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const version = slash < 0 ? apiVersion : apiVersion.slice(slash + 1);
  if (!BUILTIN_GROUPS.has(group) || !VERSION.test(version)) return undefined;
  return { group, version, kind };
}
