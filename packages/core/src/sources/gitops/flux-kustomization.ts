import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import type { LocatedObject } from "../../load/to-objects.js";
import { InputError } from "../../model/input-error.js";
import { buildKustomization } from "../kustomize/build-kustomization.js";
import { ensureKustomization } from "./flux-generate.js";
import { asArray } from "./flux-source.js";
import type { GitOpsIndex } from "./scan-repository.js";
import type { SourceTree } from "./source-tree.js";
import { substituteVariables } from "./substitute.js";

export interface BuildContext {
  index: GitOpsIndex;
  kustomize: string;
  helm?: string;
  signal?: AbortSignal;
  notes: string[];
}

/** A Flux Kustomization as declared: its name, where, and its spec. */
export interface FluxUnit {
  name: string;
  namespace: string;
  spec: Record<string, unknown>;
  /** Where it is declared (repository file and line), for errors. */
  file: string;
  line: number;
}

/**
 * One Flux Kustomization built as kustomize-controller builds it: the path (a kustomization.yaml
 * generated when it has none), then the Kustomization's own targetNamespace, namePrefix/Suffix,
 * patches, images, components and commonMetadata, then postBuild substitution.
 */
export async function buildFluxKustomization(tree: SourceTree, unit: FluxUnit, ctx: BuildContext): Promise<LocatedObject[]> {
  const path = typeof unit.spec.path === "string" ? unit.spec.path : ".";
  const dir = resolve(tree.dir, path.replace(/^\/+/, ""));
  const rel = relative(tree.dir, dir);
  if (rel.startsWith("..") || !existsSync(dir)) {
    throw new InputError([{ file: unit.file, line: unit.line, message: `Flux Kustomization ${unit.namespace}/${unit.name}: path ${path} is not a folder of its source` }]);
  }
  await ensureKustomization(dir);
  const built = await buildKustomization(dir, {
    kustomize: ctx.kustomize, root: tree.dir, shownRoot: "", overlay: fluxOverlay(unit.spec),
    ...(ctx.helm ? { helm: ctx.helm } : {}), ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const located = built.map((o) => ({ ...o, source: { ...o.source, file: tree.shown(o.source.file) } }));
  return substitute(located, unit, ctx);
}

/** The parts of a Flux Kustomization spec that kustomize itself applies, as a wrapper kustomization. */
export function fluxOverlay(spec: Record<string, unknown>): Record<string, unknown> {
  const overlay: Record<string, unknown> = {};
  if (typeof spec.targetNamespace === "string") overlay.namespace = spec.targetNamespace;
  if (typeof spec.namePrefix === "string") overlay.namePrefix = spec.namePrefix;
  if (typeof spec.nameSuffix === "string") overlay.nameSuffix = spec.nameSuffix;
  if (Array.isArray(spec.patches)) overlay.patches = asArray(spec.patches).filter((p) => typeof p.patch === "string");
  if (Array.isArray(spec.images)) overlay.images = spec.images;
  if (Array.isArray(spec.components)) overlay.components = spec.components;
  const metadata = spec.commonMetadata as { labels?: Record<string, string>; annotations?: Record<string, string> } | undefined;
  if (metadata?.labels) overlay.labels = [{ pairs: metadata.labels }];
  if (metadata?.annotations) overlay.commonAnnotations = metadata.annotations;
  return overlay;
}

async function substitute(objects: LocatedObject[], unit: FluxUnit, ctx: BuildContext): Promise<LocatedObject[]> {
  const postBuild = unit.spec.postBuild as { substitute?: Record<string, unknown>; substituteFrom?: unknown } | undefined;
  if (!postBuild) return objects;
  const vars: Record<string, string> = {};
  const secretBacked: string[] = [];
  for (const ref of asArray(postBuild.substituteFrom)) {
    const found = ctx.index.configs.find((c) => c.object.kind === ref.kind && c.object.metadata.name === ref.name && (c.object.metadata.namespace ?? unit.namespace) === unit.namespace);
    if (!found) {
      if (ref.optional !== true) ctx.notes.push(`Flux Kustomization ${unit.namespace}/${unit.name}: substituteFrom ${String(ref.kind)} ${String(ref.name)} is not in the repository; its variables are left empty`);
      continue;
    }
    // Secret values are never read into objects kubegate shows: the variables keep their names.
    if (ref.kind === "Secret") secretBacked.push(...Object.keys({ ...(found.object.data ?? {}), ...((found.object as { stringData?: object }).stringData ?? {}) }));
    else for (const [k, v] of Object.entries(found.object.data ?? {})) vars[k] = String(v);
  }
  for (const [k, v] of Object.entries(postBuild.substitute ?? {})) vars[k] = String(v);
  for (const name of secretBacked) vars[name] ??= `\${${name}}`;
  const result = substituteVariables(objects, vars);
  if (result.undefinedVars.length > 0) ctx.notes.push(`Flux Kustomization ${unit.namespace}/${unit.name}: no value for ${result.undefinedVars.join(", ")} (substituted empty, as Flux does)`);
  return result.objects;
}
