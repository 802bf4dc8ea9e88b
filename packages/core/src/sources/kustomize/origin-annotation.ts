import { readFileSync } from "node:fs";
import { isAbsolute, relative, resolve, sep } from "node:path";
import yaml from "js-yaml";
import { splitDocuments } from "../../load/split-documents.js";
import type { LocatedObject } from "../../load/to-objects.js";

/** What `buildMetadata: [originAnnotations]` records on each object kustomize emits. */
export const ORIGIN_ANNOTATION = "config.kubernetes.io/origin";

interface Origin {
  path?: string;
  repo?: string;
  ref?: string;
  configuredIn?: string;
}

/**
 * Points each object at the file it came from (a resource file, or the kustomization whose generator
 * or helmCharts made it) and removes the annotation: it names temporary folders, so leaving it would
 * make every object differ between base and head.
 */
export function applyOrigins(objects: LocatedObject[], where: { buildDir: string; root: string; shownRoot: string }): void {
  for (const o of objects) {
    const annotations = o.object.metadata.annotations;
    const raw = annotations?.[ORIGIN_ANNOTATION];
    if (!annotations || raw === undefined) continue;
    delete annotations[ORIGIN_ANNOTATION];
    if (Object.keys(annotations).length === 0) delete o.object.metadata.annotations;
    const origin = parseOrigin(raw);
    const local = origin?.repo ? undefined : origin?.path ?? origin?.configuredIn;
    if (!local) continue;
    const abs = isAbsolute(local) ? local : resolve(where.buildDir, local);
    const rel = relative(where.root, abs);
    if (rel.startsWith("..") || isAbsolute(rel)) continue;
    const file = [where.shownRoot, rel.split(sep).join("/")].filter((p) => p && p !== ".").join("/");
    o.source = { ...o.source, file, line: origin?.path ? lineOfObject(abs, o.object.kind, o.object.metadata.name) : 1 };
  }
}

function parseOrigin(raw: string): Origin | undefined {
  try {
    const value = yaml.load(raw);
    return value && typeof value === "object" ? (value as Origin) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The `kind:` line of the document in `file` that declares an object of this kind whose name the
 * emitted name contains (kustomize may add a prefix, a suffix or a hash); 1 when none matches.
 */
function lineOfObject(file: string, kind: string, emittedName: string): number {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return 1;
  }
  let fallback: number | undefined;
  for (const doc of splitDocuments(text)) {
    let value: { kind?: unknown; metadata?: { name?: unknown } } | undefined;
    try {
      value = yaml.load(doc.text) as typeof value;
    } catch {
      continue;
    }
    if (value?.kind !== kind) continue;
    const kindLine = doc.line + Math.max(0, doc.text.split("\n").findIndex((l) => /^kind\s*:/.test(l)));
    fallback ??= kindLine;
    if (typeof value.metadata?.name === "string" && emittedName.includes(value.metadata.name)) return kindLine;
  }
  return fallback ?? 1;
}
