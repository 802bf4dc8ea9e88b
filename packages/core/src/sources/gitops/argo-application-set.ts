import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";
import yaml from "js-yaml";
import { globMatch } from "./argo-application.js";
import { asArray } from "./flux-source.js";
import type { Declared, GitOpsObject } from "./scan-repository.js";
import type { SourceTree } from "./source-tree.js";

type Params = Record<string, unknown>;

/**
 * ApplicationSets whose generators kubegate can evaluate from the repository alone (list, and git
 * directories and files read from this repository), expanded to the Applications they make. Other
 * generators (clusters, pull requests, SCM providers, matrix/merge) need a live Argo CD: listed.
 */
export function expandApplicationSets(sets: readonly Declared[], repository: SourceTree, notes: string[]): Declared[] {
  const out: Declared[] = [];
  for (const set of sets) {
    const spec = set.object.spec ?? {};
    const goTemplate = spec.goTemplate === true;
    for (const generator of asArray(spec.generators)) {
      const params = paramsOf(generator, repository, goTemplate);
      if (!params) {
        notes.push(`ApplicationSet ${set.object.metadata.name} (${set.file}:${set.line}): ${Object.keys(generator).join(", ")} generator needs a live Argo CD; its Applications are not judged`);
        continue;
      }
      const template = (generator[Object.keys(generator)[0]!] as { template?: unknown } | undefined)?.template ?? spec.template;
      for (const p of params) {
        const object = render(template, p, goTemplate) as Partial<GitOpsObject>;
        if (!object?.metadata?.name) continue;
        out.push({ object: { apiVersion: "argoproj.io/v1alpha1", kind: "Application", ...object, metadata: { ...object.metadata, name: object.metadata.name } } as GitOpsObject, file: set.file, line: set.line });
      }
    }
  }
  return out;
}

function paramsOf(generator: Record<string, unknown>, repository: SourceTree, goTemplate: boolean): Params[] | undefined {
  if (generator.list) return asArray((generator.list as { elements?: unknown }).elements);
  const git = generator.git as { directories?: Array<{ path: string; exclude?: boolean }>; files?: Array<{ path: string }> } | undefined;
  if (git?.directories) {
    const all = folders(repository.dir);
    const included = all.filter((d) => git.directories!.some((g) => !g.exclude && globMatch(g.path, d, false)) && !git.directories!.some((g) => g.exclude && globMatch(g.path, d, false)));
    return included.map((d) => pathParams(d, goTemplate));
  }
  if (git?.files) {
    const files = allFiles(repository.dir).filter((f) => git.files!.some((g) => globMatch(g.path, f, false)));
    return files.flatMap((f) => {
      const value = yaml.load(readFileSync(join(repository.dir, f), "utf8"));
      return value && typeof value === "object" ? [{ ...(value as Params), ...pathParams(posix.dirname(f), goTemplate, posix.basename(f)) }] : [];
    });
  }
  return undefined;
}

/**
 * The path parameters of git generators: flat keys for fasttemplate (`{{path}}`, `{{path.basename}}`,
 * `{{path[0]}}`), one nested object for goTemplate (`{{.path.path}}`, `{{.path.basename}}`).
 */
function pathParams(dir: string, goTemplate: boolean, filename?: string): Params {
  const basename = posix.basename(dir);
  const nested = { path: dir, basename, basenameNormalized: basename.replace(/[^a-zA-Z0-9-]/g, "-").toLowerCase(), segments: dir.split("/"), ...(filename ? { filename } : {}) };
  if (goTemplate) return { path: nested };
  const flat: Params = { path: dir, "path.basename": basename, "path.basenameNormalized": nested.basenameNormalized, ...(filename ? { "path.filename": filename } : {}) };
  dir.split("/").forEach((segment, i) => (flat[`path[${i}]`] = segment));
  return flat;
}

/** `{{path.basename}}` (fasttemplate) or `{{.path.basename}}` (goTemplate) in every string of the template. */
function render(template: unknown, params: Params, goTemplate: boolean): unknown {
  if (typeof template === "string") {
    return template.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (whole, expr: string) => {
      const path = goTemplate ? expr.replace(/^\./, "") : expr;
      const value = lookup(params, path);
      return value === undefined ? whole : String(value);
    });
  }
  if (Array.isArray(template)) return template.map((t) => render(t, params, goTemplate));
  if (template && typeof template === "object") return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, render(v, params, goTemplate)]));
  return template;
}

function lookup(params: Params, path: string): unknown {
  if (Object.hasOwn(params, path)) return params[path];
  return path.split(".").reduce<unknown>((at, key) => (at && typeof at === "object" ? (at as Params)[key] : undefined), params);
}

function folders(root: string, dir = root, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".") || !entry.isDirectory()) continue;
    const path = join(dir, entry.name);
    out.push(relative(root, path).split(sep).join("/"));
    folders(root, path, out);
  }
  return out;
}

function allFiles(root: string, dir = root, out: string[] = []): string[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) allFiles(root, path, out);
    else out.push(relative(root, path).split(sep).join("/"));
  }
  return out;
}
