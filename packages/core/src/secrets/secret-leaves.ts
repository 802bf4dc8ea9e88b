import yaml from "js-yaml";
import { scanConfigText, carriesCredential, MASK } from "./config-text.js";
import { credentialFlag, looksLikeCredential, looksLikeCredentialValue } from "./credential-keys.js";

export type Segment = string | number;

/** One value to mask, by position. `masked` replaces it when only parts of it are secret (a JSON/YAML text). */
export interface SecretLeaf {
  path: Segment[];
  value: unknown;
  masked?: string;
  /** The secret values inside a partly masked text (what the redactor must know). */
  inner?: unknown[];
}

export { MASK };
const LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

type Node = Record<string, unknown>;
const isRecord = (v: unknown): v is Node => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Every secret position of an object: Secret data, credential-named keys of ConfigMaps,
 * annotations, env and Helm values (Flux HelmRelease, Argo CD Application), credential flags in
 * args, Traefik basicAuth users, any string shaped like a credential (URL with a password, PEM
 * private key, well-known tokens), the last-applied-configuration of any kind masked like the
 * object itself, and positions the loader marked (`extra`, e.g. Pulumi secrets).
 */
export function secretLeaves(object: unknown, extra: Segment[][] = []): SecretLeaf[] {
  const out: SecretLeaf[] = [];
  if (!isRecord(object)) return out;
  walk(object, [], "plain", out, object);
  for (const path of extra) {
    const value = at(object, path);
    if (value !== undefined) out.push({ path, value });
  }
  return out;
}

/**
 * The values under credential-named keys of a configuration tree (Helm values, helmfile values)
 * and every credential-shaped string in it: what the redactor must know when a tool renders these
 * values into text kubegate cannot mask by position (a ConfigMap file, a template's error).
 */
export function credentialValuesIn(tree: unknown): unknown[] {
  const out: SecretLeaf[] = [];
  walk(tree, [], "keys", out, {});
  return innerValues(out);
}

/** How a subtree is treated: everything secret, keys judged by name, or only value shapes. */
type Mode = "secret" | "keys" | "plain";

function walk(node: unknown, path: Segment[], mode: Mode, out: SecretLeaf[], root: Node): void {
  if (typeof node === "string") {
    if (mode === "secret" || looksLikeCredentialValue(node)) out.push({ path, value: node });
    return;
  }
  if (Array.isArray(node)) {
    walkList(node, path, mode, out, root);
    return;
  }
  if (!isRecord(node)) {
    if (mode === "secret" && node !== undefined) out.push({ path, value: node });
    return;
  }
  for (const [key, value] of Object.entries(node)) {
    const child = [...path, key];
    if (mode === "secret") out.push({ path: child, value });
    else if (key === LAST_APPLIED && typeof value === "string" && path.length === 2) lastApplied(value, child, out);
    else if (mode === "keys" && looksLikeCredential(key) && value !== null && value !== undefined && typeof value !== "boolean") out.push({ path: child, value });
    else if (typeof value === "string" && isValuesText(child, root)) valuesText(value, child, out);
    else if (mode === "keys" && typeof value === "string" && configText(value, child, out)) continue;
    else walk(value, child, childMode(mode, child, root), out, root);
  }
}

function walkList(list: unknown[], path: Segment[], mode: Mode, out: SecretLeaf[], root: Node): void {
  const last = path[path.length - 1];
  list.forEach((item, i) => {
    const child = [...path, i];
    if ((last === "args" || last === "command") && typeof item === "string") {
      // `["--password", "x"]` and `["app --password", "x"]`: the flag ends the item before.
      const previous = i > 0 ? list[i - 1] : undefined;
      const flag = typeof previous === "string" ? previous.trim().split(/\s+/).pop() : undefined;
      const afterFlag = flag !== undefined && credentialFlag(flag)?.inline === false && !item.startsWith("-");
      if (afterFlag || credentialArgument(item)) out.push({ path: child, value: item });
      return;
    }
    // {name, value} pairs: env, Argo CD parameters, and the env-like lists Helm values hold
    // (extraEnvVars, extraEnv, ...): any list, since a chart may call it anything.
    if ((last === "env" || last === "parameters" || mode === "keys") && isRecord(item) && typeof item.name === "string" && looksLikeCredential(item.name) && "value" in item) {
      out.push({ path: [...child, "value"], value: item.value });
      return;
    }
    // JAVA_OPTS="-Dspring.datasource.password=x", DB_OPTS="host=db password=x": masked inside the value.
    if (last === "env" && isRecord(item) && typeof item.value === "string") {
      const scan = scanConfigText(item.value);
      if (scan) {
        out.push({ path: [...child, "value"], value: item.value, masked: scan.masked, inner: scan.secrets });
        return;
      }
    }
    if (last === "users" && typeof item === "string" && /basicAuth|digestAuth/.test(String(path[path.length - 2]))) {
      out.push({ path: child, value: item });
      return;
    }
    walk(item, child, mode, out, root);
  });
}

/**
 * An args/command item that carries a credential: a flag with its value (`--password=x`), an
 * assignment (`DB_PASSWORD=x`, `--set db.password=x`'s second item), a credential-shaped value, or
 * a shell string (`sh -c "app --token x"`) holding any of these, or a flag followed by its value.
 */
function credentialArgument(item: string): boolean {
  if (credentialFlag(item)?.inline || carriesCredential(item)) return true;
  // `--config={"password":"x"}`, `db={"password":"x"}` (--set-json): the value is a JSON text.
  const eq = item.indexOf("=");
  return eq > 0 && /^\s*[{[]/.test(item.slice(eq + 1)) && jsonCarriesCredential(item.slice(eq + 1));
}

function jsonCarriesCredential(text: string): boolean {
  try {
    return credentialValuesIn(JSON.parse(text)).length > 0;
  } catch {
    return false;
  }
}

/** Where key names decide: ConfigMap data, annotations, and Helm values of Flux and Argo CD. */
function childMode(mode: Mode, path: Segment[], root: Node): Mode {
  if (mode !== "plain") return mode;
  // Decided on the last segments only: this runs for every node of every object.
  const n = path.length;
  const last = path[n - 1];
  if (n === 1) {
    if (isCoreSecret(root) && (last === "data" || last === "stringData")) return "secret";
    if (root.kind === "ConfigMap" && (last === "data" || last === "binaryData")) return "keys";
    return "plain";
  }
  // Annotations of the object and of the pod templates it holds (spec.template.metadata.annotations, ...).
  if (last === "annotations" && path[n - 2] === "metadata") return "keys";
  if (last === "values" && n === 2 && path[0] === "spec") return "keys";
  if (last === "valuesObject" && path[n - 2] === "helm") return "keys";
  // What SealedSecrets and ExternalSecrets turn into a Secret: its data templates.
  if (last === "data" && path[0] === "spec" && path[n - 2] === "template") {
    if (root.kind === "SealedSecret" && n === 3) return "secret";
    if (root.kind === "ExternalSecret" && n === 4 && path[1] === "target") return "secret";
  }
  return "plain";
}

function isCoreSecret(root: Node): boolean {
  return root.kind === "Secret" && typeof root.apiVersion === "string" && !root.apiVersion.includes("/");
}

/** Argo CD's `spec.source(s).helm.values` is a YAML text. */
function isValuesText(path: Segment[], root: Node): boolean {
  return path[path.length - 1] === "values" && path[path.length - 2] === "helm" && root.kind === "Application";
}

function valuesText(text: string, path: Segment[], out: SecretLeaf[]): void {
  if (looksLikeCredentialValue(text)) {
    out.push({ path, value: text });
    return;
  }
  let parsed: unknown;
  try {
    parsed = yaml.load(text);
  } catch {
    return;
  }
  const inner: SecretLeaf[] = [];
  walk(parsed, [], "keys", inner, {});
  if (inner.length > 0) out.push({ path, value: text, masked: yaml.dump(applyMask(parsed, inner), { lineWidth: -1 }), inner: innerValues(inner) });
}

/**
 * A configuration file kept in a ConfigMap or an annotation: only the values of credential lines
 * are masked (the rest of the file stays readable in the diff), each also given to the redactor.
 */
function configText(text: string, path: Segment[], out: SecretLeaf[]): boolean {
  const scan = scanConfigText(text, credentialValuesIn);
  if (!scan) return false;
  out.push({ path, value: text, masked: scan.masked, inner: scan.secrets });
  return true;
}

/** The annotation holds the whole object as JSON: mask it like the object itself. */
function lastApplied(text: string, path: Segment[], out: SecretLeaf[]): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: nothing to mask field by field, and it may hold anything the object held.
    out.push({ path, value: text });
    return;
  }
  const inner = secretLeaves(parsed);
  if (inner.length > 0) out.push({ path, value: text, masked: JSON.stringify(applyMask(parsed, inner)), inner: innerValues(inner) });
}

const innerValues = (leaves: SecretLeaf[]): unknown[] => leaves.flatMap((l) => [l.value, ...(l.inner ?? [])]);

/** A copy of `root` with every leaf replaced by its masked form. */
export function applyMask(root: unknown, leaves: SecretLeaf[], markerOf: (leaf: SecretLeaf) => unknown = (l) => l.masked ?? MASK): unknown {
  if (leaves.length === 0) return root;
  const copy = structuredClone(root);
  for (const leaf of leaves) {
    if (leaf.path.length === 0) return markerOf(leaf);
    const parent = at(copy, leaf.path.slice(0, -1));
    if (parent !== null && typeof parent === "object") (parent as Record<Segment, unknown>)[leaf.path[leaf.path.length - 1]!] = markerOf(leaf);
  }
  return copy;
}

export function at(root: unknown, path: Segment[]): unknown {
  let node = root;
  for (const seg of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<Segment, unknown>)[seg];
  }
  return node;
}
