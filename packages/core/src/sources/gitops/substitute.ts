import yaml from "js-yaml";
import type { LocatedObject } from "../../load/to-objects.js";

/** The annotation that turns Flux's post-build substitution off for one object. */
const DISABLED = "kustomize.toolkit.fluxcd.io/substitute";

/**
 * Flux's `postBuild.substitute`: `${var}`, `${var:=default}`, `${var:-default}` (and without the
 * colon) in every object's YAML, as kustomize-controller does after the build. `$${var}` is an
 * escape for a literal `${var}`. Variables nobody defines become empty, as in Flux's default
 * (non-strict) mode; the names of those are returned so the report can say so.
 */
export function substituteVariables(objects: LocatedObject[], vars: Readonly<Record<string, string>>): { objects: LocatedObject[]; undefinedVars: string[] } {
  const missing = new Set<string>();
  const out = objects.map((located) => {
    if (located.object.metadata.annotations?.[DISABLED] === "disabled") return located;
    const text = yaml.dump(located.object, { lineWidth: -1 });
    if (!text.includes("${")) return located;
    const substituted = substituteText(text, vars, missing);
    const object = yaml.load(substituted) as LocatedObject["object"];
    return object && typeof object === "object" ? { ...located, object } : located;
  });
  return { objects: out, undefinedVars: [...missing].sort() };
}

const VARIABLE = /\$(\$?)\{([_a-zA-Z][_a-zA-Z0-9]*)(?:(:?[-=])([^}]*))?\}/g;

export function substituteText(text: string, vars: Readonly<Record<string, string>>, missing = new Set<string>()): string {
  return text.replace(VARIABLE, (whole, escaped: string, name: string, op: string | undefined, fallback: string | undefined) => {
    if (escaped) return whole.slice(1);
    const value = Object.hasOwn(vars, name) ? vars[name] : undefined;
    if (op !== undefined) {
      const useDefault = op.startsWith(":") ? value === undefined || value === "" : value === undefined;
      return useDefault ? (fallback ?? "") : value!;
    }
    if (value === undefined) missing.add(name);
    return value ?? "";
  });
}
