import type { Manifest, ManifestSet } from "../model/manifest.js";
import { InputError, type InputProblem } from "../model/input-error.js";
import type { LocatedObject } from "../load/to-objects.js";
import { canonicalGroup } from "./canonical-group.js";
import { dropNoise } from "./noise.js";
import { ScopeIndex } from "./scope.js";

export interface NormalizeOptions {
  /** Namespace given to namespaced objects that name none (kubectl's default namespace). */
  defaultNamespace?: string;
  /** Extra CRDs that define scope (e.g. the other side of the change). */
  scope?: ScopeIndex;
}

export function resourceKey(group: string, kind: string, namespace: string | undefined, name: string): string {
  return `${group}/${kind}/${namespace ?? ""}/${name}`;
}

/** Gives every object its identity and drops noise. Two objects with the same identity are an input error. */
export function normalize(objects: LocatedObject[], options: NormalizeOptions = {}): ManifestSet {
  const scope = options.scope ?? new ScopeIndex().addCrds(objects.map((o) => o.object));
  const defaultNamespace = options.defaultNamespace ?? "default";
  const byKey = new Map<string, Manifest>();
  const problems: InputProblem[] = [];
  for (const { object: raw, source } of objects) {
    const object = dropNoise(raw);
    const clusterScoped = scope.isClusterScoped(object.apiVersion, object.kind);
    if (clusterScoped) delete object.metadata.namespace;
    else object.metadata.namespace ??= defaultNamespace;
    const group = canonicalGroup(object.apiVersion, object.kind);
    const namespace = object.metadata.namespace;
    const key = resourceKey(group, object.kind, namespace, object.metadata.name);
    const ref = { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name, ...(namespace ? { namespace } : {}) };
    const previous = byKey.get(key);
    if (previous) {
      problems.push({
        file: source.file, line: source.line, documentIndex: source.documentIndex,
        message: `${describeRef(ref)} is defined twice (first at ${previous.source.file}:${previous.source.line})`,
      });
      continue;
    }
    byKey.set(key, { key, ref, group, object, source });
  }
  if (problems.length > 0) throw new InputError(problems);
  return { manifests: [...byKey.values()], byKey };
}

export function describeRef(ref: { kind: string; namespace?: string; name: string }): string {
  return `${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ""}${ref.name}`;
}
