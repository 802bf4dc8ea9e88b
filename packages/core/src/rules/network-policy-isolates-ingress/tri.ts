/**
 * Three-valued logic for policy evaluation: kubegate knows the manifests, not pod IPs or every
 * selector form, so "maybe" keeps the rule from firing on what it cannot decide.
 */
export type Tri = boolean | "maybe";

export function and3(...values: Tri[]): Tri {
  if (values.includes(false)) return false;
  return values.includes("maybe") ? "maybe" : true;
}

export function or3(values: Tri[]): Tri {
  if (values.includes(true)) return true;
  return values.includes("maybe") ? "maybe" : false;
}

export function not3(value: Tri): Tri {
  return value === "maybe" ? "maybe" : !value;
}
