/**
 * Compares two openAPIV3Schemas of one CRD version and lists the changes that make the API server
 * reject or prune objects it accepted before. Loosening (new optional properties, wider enums,
 * description edits) is not reported. Not covered: pattern, min/max, format, anyOf/oneOf/allOf
 * and CEL rules (x-kubernetes-validations).
 */
export type Schema = Record<string, unknown>;

export interface Tightening {
  /** JSONPath of the schema node in objects of the CRD: `$.spec.routes[*].kind`. */
  path: string;
  what: string;
}

const PRESERVE = "x-kubernetes-preserve-unknown-fields";
const INT_OR_STRING = "x-kubernetes-int-or-string";

export function schemaTightenings(base: Schema | undefined, head: Schema | undefined): Tightening[] {
  if (!head) return [];
  if (!base) return [{ path: "$", what: "schema added where there was none (objects accepted without validation can be rejected on their next update, and unknown fields are pruned)" }];
  const out: Tightening[] = [];
  compare(base, head, "$", out);
  return out;
}

function compare(b: Schema, h: Schema, path: string, out: Tightening[]): void {
  const add = (at: string, what: string): void => void out.push({ path: at, what });
  if (b[PRESERVE] === true && h[PRESERVE] !== true) add(path, `${PRESERVE} removed (unknown fields are now pruned)`);

  // Objects are always objects at the root; v1beta1 schemas often leave its type out.
  const bt = effectiveType(b);
  const ht = effectiveType(h);
  if (path !== "$" && ht !== undefined && bt !== ht && !widens(bt, ht)) {
    add(path, `type changed from ${bt ?? "any"} to ${ht}`);
    return; // nested differences of a retyped node are noise
  }

  const be = Array.isArray(b.enum) ? b.enum : undefined;
  const he = Array.isArray(h.enum) ? h.enum : undefined;
  if (he && !be) add(path, `enum added (only ${list(he)} allowed)`);
  if (he && be) {
    const kept = new Set(he.map((v) => JSON.stringify(v)));
    const dropped = be.filter((v) => !kept.has(JSON.stringify(v)));
    if (dropped.length > 0) add(path, `enum narrowed (${list(dropped)} no longer allowed)`);
  }

  const br = new Set(strings(b.required));
  for (const name of strings(h.required)) if (!br.has(name)) add(child(path, name), "newly required");

  const bp = record(b.properties);
  const hp = record(h.properties);
  const headKeepsUnknown = h[PRESERVE] === true || (h.additionalProperties !== undefined && h.additionalProperties !== false);
  for (const [name, bSub] of Object.entries(bp)) {
    const hSub = hp[name];
    if (hSub === undefined) {
      if (!headKeepsUnknown) add(child(path, name), "property removed (existing values are pruned)");
      continue;
    }
    if (isSchema(bSub) && isSchema(hSub)) compare(bSub, hSub, child(path, name), out);
  }

  const ba = b.additionalProperties;
  const ha = h.additionalProperties;
  if (isSchema(ba) && isSchema(ha)) compare(ba, ha, `${path}.*`, out);
  else if ((ba === true || isSchema(ba)) && (ha === undefined || ha === false) && h[PRESERVE] !== true) {
    add(path, "additionalProperties removed (map entries not named in properties are pruned)");
  }

  if (isSchema(b.items) && isSchema(h.items)) compare(b.items, h.items, `${path}[*]`, out);
}

function effectiveType(s: Schema): string | undefined {
  if (typeof s.type === "string") return s.type;
  if (s[INT_OR_STRING] === true) return "int-or-string";
  if (s.properties || s.additionalProperties) return "object";
  if (s.items) return "array";
  return undefined;
}

/** Type changes that accept every value accepted before. */
function widens(from: string | undefined, to: string): boolean {
  return (from === "integer" && to === "number") || (to === "int-or-string" && (from === "integer" || from === "string"));
}

function child(path: string, name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? `${path}.${name}` : `${path}['${name}']`;
}

function list(values: unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(", ");
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

function isSchema(v: unknown): v is Schema {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function record(v: unknown): Record<string, unknown> {
  return isSchema(v) ? v : {};
}
