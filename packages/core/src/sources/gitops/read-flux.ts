import { appendAll } from "../../util/append-all.js";
import type { LocatedObject } from "../../load/to-objects.js";
import { buildFluxKustomization, type BuildContext, type FluxUnit } from "./flux-kustomization.js";
import { repositoryPathOf, resolveSource } from "./flux-source.js";
import type { TreeCopies } from "./source-tree.js";

/** Past this many Kustomizations one cluster is taken for a loop (a Kustomization that syncs itself under a new name). */
const MAX_UNITS = 500;

export interface FluxClusterRead {
  objects: LocatedObject[];
  /** Flux Kustomizations built ("flux-system/apps"). */
  units: string[];
}

/**
 * One cluster of a Flux repository, as Flux would apply it: the cluster folder, then every
 * Kustomization it holds, and every Kustomization those hold, each from its own source and with
 * its own spec. Kustomizations whose source is not this repository are listed in the notes.
 */
export async function readFluxCluster(root: string, copies: TreeCopies, ctx: BuildContext): Promise<FluxClusterRead> {
  const rootUnit: FluxUnit = { name: root, namespace: "flux-system", spec: { path: root }, file: root, line: 1 };
  const objects = await buildFluxKustomization(copies.repository, rootUnit, ctx);
  const seen = new Set<string>();
  const units: string[] = [];
  for (let i = 0; i < objects.length; i++) {
    const unit = fluxUnitOf(objects[i]!);
    if (!unit || seen.has(`${unit.namespace}/${unit.name}`)) continue;
    seen.add(`${unit.namespace}/${unit.name}`);
    if (seen.size > MAX_UNITS) break;
    const source = await resolveSource(unit.spec.sourceRef as never, unit.namespace, ctx.index, copies, root);
    if (source.kind === "unavailable") {
      ctx.notes.push(`Flux Kustomization ${unit.namespace}/${unit.name} (${unit.file}:${unit.line}): ${source.shown} is not read: ${source.reason}; its objects are not judged`);
      continue;
    }
    // The bootstrap Kustomization syncs the cluster folder itself, which is read already.
    if (source.tree === copies.repository && repositoryPathOf(source, String(unit.spec.path ?? ".")) === root) continue;
    units.push(`${unit.namespace}/${unit.name}`);
    appendAll(objects, await buildFluxKustomization(source.tree, unit, ctx));
  }
  return { objects, units };
}

function fluxUnitOf({ object, source }: LocatedObject): FluxUnit | undefined {
  if (object.kind !== "Kustomization" || !object.apiVersion.startsWith("kustomize.toolkit.fluxcd.io/")) return undefined;
  const spec = (object as { spec?: Record<string, unknown> }).spec ?? {};
  return { name: object.metadata.name, namespace: object.metadata.namespace ?? "flux-system", spec, file: source.file, line: source.line };
}
