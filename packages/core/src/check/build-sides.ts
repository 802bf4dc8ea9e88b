import { diffSets } from "../diff/diff-sets.js";
import type { LocatedObject } from "../load/to-objects.js";
import type { Change } from "../model/change.js";
import type { ManifestSet } from "../model/manifest.js";
import type { IgnoreDifference } from "../normalize/ignore-differences.js";
import { normalize } from "../normalize/normalize.js";
import { ScopeIndex } from "../normalize/scope.js";
import { SecretRegistry } from "../secrets/secret-registry.js";

export interface SidesOptions {
  defaultNamespace?: string;
  ignoreDifferences?: IgnoreDifference[];
  secrets?: SecretRegistry;
  patches?: boolean;
}

export interface Sides {
  base: ManifestSet;
  head: ManifestSet;
  changes: Change[];
  secrets: SecretRegistry;
}

/** normalize -> diff for both sides of a change, sharing one scope index (CRDs of either side). */
export function buildSides(base: LocatedObject[], head: LocatedObject[], options: SidesOptions): Sides {
  const scope = new ScopeIndex().addCrds([...base, ...head].map((o) => o.object));
  const secrets = options.secrets ?? new SecretRegistry();
  const common = { scope, ...(options.defaultNamespace ? { defaultNamespace: options.defaultNamespace } : {}) };
  const baseSet = normalize(base, common);
  const headSet = normalize(head, common);
  // ignoreDifferences only hides fields from the diff: rules still see (and validate) whole objects.
  const changes = diffSets(baseSet, headSet, { secrets, ignoreDifferences: options.ignoreDifferences ?? [], ...(options.patches === false ? { patches: false } : {}) });
  return { base: baseSet, head: headSet, changes, secrets };
}
