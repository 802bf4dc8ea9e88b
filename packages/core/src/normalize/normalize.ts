import { isDeepStrictEqual } from "node:util";
import type { Manifest, ManifestSet, Redefinition } from "../model/manifest.js";
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

/**
 * Gives every object its identity and drops noise. An identity defined twice (the same object,
 * perhaps at two apiVersions) keeps its last definition, as `kubectl apply` of the files would
 * leave it, and is listed in `redefined` for the object-defined-twice rule: reading on is more
 * useful than refusing the input, and a cluster keeps exactly one of them.
 */
export function normalize(objects: LocatedObject[], options: NormalizeOptions = {}): ManifestSet {
  const scope = options.scope ?? new ScopeIndex().addCrds(objects.map((o) => o.object));
  const defaultNamespace = options.defaultNamespace ?? "default";
  const byKey = new Map<string, Manifest>();
  const redefined: Redefinition[] = [];
  for (const { object: raw, source } of objects) {
    const object = dropNoise(raw);
    const clusterScoped = scope.isClusterScoped(object.apiVersion, object.kind);
    if (clusterScoped) delete object.metadata.namespace;
    else object.metadata.namespace ??= defaultNamespace;
    const group = canonicalGroup(object.apiVersion, object.kind);
    const namespace = object.metadata.namespace;
    const key = resourceKey(group, object.kind, namespace, object.metadata.name);
    const ref = { apiVersion: object.apiVersion, kind: object.kind, name: object.metadata.name, ...(namespace ? { namespace } : {}) };
    const manifest: Manifest = { key, ref, group, object, source };
    const previous = byKey.get(key);
    if (previous) redefined.push({ kept: manifest, earlier: previous.source, earlierApiVersion: previous.ref.apiVersion, identical: isDeepStrictEqual(previous.object, object) });
    byKey.set(key, manifest);
  }
  return { manifests: [...byKey.values()], byKey, ...(redefined.length ? { redefined } : {}) };
}

export function describeRef(ref: { kind: string; namespace?: string; name: string }): string {
  return visible(`${ref.kind} ${ref.namespace ? `${ref.namespace}/` : ""}${ref.name}`);
}

/**
 * Control characters written as escapes: names come from the input, and a newline or a terminal
 * escape in one must not forge a line of the report or recolor the terminal. (Kubernetes names
 * cannot hold them; kubegate still has to print the object that tries.)
 */
export function visible(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

