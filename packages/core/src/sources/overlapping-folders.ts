import { InputError, type InputProblem } from "../model/input-error.js";
import type { LocatedObject } from "../load/to-objects.js";

/** Two sibling folders of one read that define the same objects. */
export interface FolderOverlap {
  /** The folders, as the user sees them ("clusters/production", "clusters/staging"). */
  folders: [string, string];
  /** How many objects both define, and the first few ("Kustomization flux-system/apps"). */
  count: number;
  examples: string[];
  /** Where the second definition of the first example is. */
  at: { file: string; line: number; documentIndex: number };
}

/**
 * Objects one read defines twice, grouped by the pair of folders they first differ in. A
 * repository root often holds one folder per cluster or environment (clusters/production and
 * clusters/staging, overlays/dev and overlays/prod), each a complete and separate deployment:
 * read together they define the same objects twice. Grouping says which folders to judge apart.
 */
export function folderOverlaps(objects: readonly LocatedObject[], unitOf: (o: LocatedObject) => string = (o) => o.source.file): FolderOverlap[] {
  const first = new Map<string, LocatedObject>();
  const overlaps = new Map<string, FolderOverlap>();
  for (const located of objects) {
    const id = identity(located);
    const previous = first.get(id);
    if (!previous) {
      first.set(id, located);
      continue;
    }
    const folders = divergingFolders(unitOf(previous), unitOf(located));
    const pairKey = folders.join("\0");
    const overlap = overlaps.get(pairKey) ?? { folders, count: 0, examples: [], at: { file: located.source.file, line: located.source.line, documentIndex: located.source.documentIndex } };
    overlap.count++;
    if (overlap.examples.length < 3) overlap.examples.push(describe(located));
    overlaps.set(pairKey, overlap);
  }
  return [...overlaps.values()];
}

/** Throws one problem per pair of folders when they overlap, with the command that judges one. */
export function refuseOverlaps(objects: readonly LocatedObject[], unitOf?: (o: LocatedObject) => string): void {
  const overlaps = folderOverlaps(objects, unitOf).filter((o) => o.folders[0] !== o.folders[1]);
  if (overlaps.length === 0) return;
  const problems: InputProblem[] = overlaps.map((o) => ({
    ...o.at,
    message:
      `${o.folders[0]} and ${o.folders[1]} both define ${o.count} object(s) (${o.examples.join(", ")}${o.count > o.examples.length ? ", ..." : ""}): ` +
      `each looks like its own cluster or environment; judge one at a time by naming it (e.g. \`kubegate check --base-ref A --head-ref B ${o.folders[0]}\`)`,
  }));
  throw new InputError(problems);
}

function identity({ object }: LocatedObject): string {
  const group = object.apiVersion.includes("/") ? object.apiVersion.split("/")[0] : "";
  return `${group}/${object.kind}/${object.metadata.namespace ?? ""}/${object.metadata.name}`;
}

function describe({ object }: LocatedObject): string {
  return `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ""}${object.metadata.name}`;
}

/**
 * Two paths down to the first folder they differ in: a/b/x.yaml, a/c/y.yaml -> a/b, a/c. Two
 * kustomizations built from one base (apps/production, apps/staging) are told apart by the
 * folder each was built from, not by the base file both objects come from.
 */
function divergingFolders(a: string, b: string): [string, string] {
  const pa = a.split("/");
  const pb = b.split("/");
  let i = 0;
  while (i < Math.min(pa.length, pb.length) - 1 && pa[i] === pb[i]) i++;
  return [pa.slice(0, i + 1).join("/"), pb.slice(0, i + 1).join("/")];
}
