import { isDeepStrictEqual } from "node:util";
import { createTwoFilesPatch } from "diff";
import type { Change } from "../model/change.js";
import type { Manifest, ManifestSet } from "../model/manifest.js";
import { describeRef } from "../normalize/normalize.js";
import { applyIgnoreDifferences, type IgnoreDifference } from "../normalize/ignore-differences.js";
import { maskPair } from "../secrets/mask.js";
import type { SecretRegistry } from "../secrets/secret-registry.js";
import { canonicalYaml } from "./canonical-yaml.js";
import { detectRenames } from "./detect-renames.js";
import { flatFieldChanges } from "./field-changes.js";
import { flatten } from "./flatten.js";
import { replaceReasons } from "./immutable-fields.js";

export interface DiffOptions {
  /** Receives every secret value met, for redaction of all later output. */
  secrets?: SecretRegistry;
  /** Fields left out of the comparison (Argo CD style), per kind. */
  ignoreDifferences?: IgnoreDifference[];
  /** Skip unified patches (faster when only findings are needed). */
  patches?: boolean;
}

/** Compares two sides resource by resource; unchanged resources produce no Change. */
export function diffSets(base: ManifestSet, head: ManifestSet, options: DiffOptions = {}): Change[] {
  const changes: Change[] = [];
  const deleted: Manifest[] = [];
  const created: Manifest[] = [];
  for (const [key, b] of base.byKey) {
    const h = head.byKey.get(key);
    if (!h) {
      deleted.push(b);
      continue;
    }
    const change = compare(b, h, [], options);
    // A replace the applying tool plans (source.plannedReplace) matters even with no field changed.
    if (change.fields.length > 0 || change.op === "replace") changes.push(change);
  }
  for (const [key, h] of head.byKey) if (!base.byKey.has(key)) created.push(h);

  const renames = detectRenames(deleted, created);
  const renamedFrom = new Set(renames.map((r) => r.from));
  const renamedTo = new Set(renames.map((r) => r.to));
  for (const { from, to } of renames) changes.push(compare(from, to, [`renamed from ${describeRef(from.ref)} to ${describeRef(to.ref)}`], options));
  for (const b of deleted) if (!renamedFrom.has(b)) changes.push(compare(b, undefined, [], options));
  for (const h of created) if (!renamedTo.has(h)) changes.push(compare(undefined, h, [], options));
  return changes.sort((x, y) => x.key.localeCompare(y.key));
}

function compare(base: Manifest | undefined, head: Manifest | undefined, reasons: string[], options: DiffOptions): Change {
  const ignore = options.ignoreDifferences ?? [];
  const b = base && applyIgnoreDifferences(base.object, ignore);
  const h = head && applyIgnoreDifferences(head.object, ignore);
  // Masked by position before anything is compared or printed: fields, patches and reports never hold a secret.
  const [mb, mh] = maskPair(b, h, options.secrets, { ...(base?.source.secretPaths ? { base: base.source.secretPaths } : {}), ...(head?.source.secretPaths ? { head: head.source.secretPaths } : {}) });
  // Equal objects (the bulk of a big repository) have no field changes and nothing to replace:
  // one deep comparison instead of flattening both. Masking above still registers their secrets.
  const same = b !== undefined && h !== undefined && isDeepStrictEqual(b, h);
  const fields = same ? [] : flatFieldChanges(flatten(mb ?? {}), flatten(mh ?? {}));
  // Replace reasons read the whole objects (ignoreDifferences hides fields from the diff, not from the API server).
  const sameObjects = same && (ignore.length === 0 || isDeepStrictEqual(base!.object, head!.object));
  const allReasons = base && head ? [...reasons, ...(sameObjects ? [] : replaceReasons(head.group, base.object, head.object)), ...(head.source.plannedReplace ?? [])] : reasons;
  const op = !base ? "create" : !head ? "delete" : allReasons.length > 0 ? "replace" : "update";
  const label = describeRef((head ?? base)!.ref);
  // Patches are only built for objects that changed: unchanged pairs are the bulk of a big repo.
  let patch = "";
  if (fields.length > 0 && options.patches !== false) {
    patch = createTwoFilesPatch(`base/${label}`, `head/${label}`, canonicalYaml(mb), canonicalYaml(mh), "", "", { context: 3 });
  }
  return {
    op,
    key: (head ?? base)!.key,
    ...(base ? { base } : {}),
    ...(head ? { head } : {}),
    fields,
    replaceReasons: allReasons,
    patch,
  };
}
