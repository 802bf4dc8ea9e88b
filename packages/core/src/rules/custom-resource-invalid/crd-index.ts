import type { Manifest, ManifestSet } from "../../model/manifest.js";
import { groupOf, versionOf } from "../../normalize/index.js";
import { crdSpec, crdVersions, isCrd, type CrdVersion } from "../shared/crd.js";

export interface CrdMatch {
  crd: Manifest;
  /** Head's CRD wins; base's stands in when head does not carry it (CRDs installed earlier). */
  side: "head" | "base";
  /** The version block for the object's apiVersion; undefined when the CRD does not define it. */
  version?: CrdVersion;
  versions: CrdVersion[];
  /** Whether the API server prunes fields the schema does not name (see crd-schema-to-ajv.ts). */
  prune: boolean;
}

/** CRDs of head and base by the group (as written, not canonical) and kind they serve. */
export class CrdIndex {
  private readonly head: Map<string, Manifest>;
  private readonly base: Map<string, Manifest>;

  constructor(head: ManifestSet, base: ManifestSet) {
    this.head = index(head);
    this.base = index(base);
  }

  /** The CRD that serves `apiVersion`/`kind`: traefik.containo.us and traefik.io are different CRDs to the API server. */
  find(apiVersion: string, kind: string): CrdMatch | undefined {
    const key = crdKey(groupOf(apiVersion), kind);
    const side = this.head.has(key) ? "head" : this.base.has(key) ? "base" : undefined;
    if (!side) return undefined;
    const crd = (side === "head" ? this.head : this.base).get(key)!;
    const versions = crdVersions(crd);
    const version = versions.find((v) => v.name === versionOf(apiVersion));
    return { crd, side, versions, prune: prunes(crd), ...(version ? { version } : {}) };
  }
}

/** `group/kind` a CRD serves; also used to find the CRs a changed CRD governs. */
export function crdKey(group: string, kind: string): string {
  return `${group}/${kind}`;
}

export function servedKey(crd: Manifest): string {
  const spec = crdSpec(crd);
  return crdKey(spec.group, spec.names?.kind ?? "");
}

/** v1 always prunes; v1beta1 only with `preserveUnknownFields: false` (its default is true). */
function prunes(crd: Manifest): boolean {
  if (versionOf(crd.ref.apiVersion) !== "v1beta1") return true;
  return (crd.object.spec as { preserveUnknownFields?: boolean } | undefined)?.preserveUnknownFields === false;
}

function index(set: ManifestSet): Map<string, Manifest> {
  const out = new Map<string, Manifest>();
  for (const m of set.manifests) if (isCrd(m)) out.set(servedKey(m), m);
  return out;
}
