import type { Change } from "../model/change.js";
import type { BaselineState, Finding } from "../model/finding.js";
import { canonicalGroup } from "../normalize/canonical-group.js";
import { resourceKey } from "../normalize/normalize.js";

export interface BaselineResult {
  /** The change's findings, each with its `baseline` state. */
  findings: Finding[];
  /** Findings base had that head no longer has: what the change fixes. */
  resolved: Finding[];
}

/** Version-insensitive identity of the resource a finding is about (as the diff keys objects). */
export function findingResource(f: Finding): string {
  const { apiVersion, kind, namespace, name } = f.resource;
  return resourceKey(canonicalGroup(apiVersion, kind), kind, namespace, name);
}

/** Head keys of renamed objects -> their base keys, so a finding follows a rename the diff detected. */
export function renamesOf(changes: readonly Change[]): Map<string, string> {
  const renames = new Map<string, string>();
  for (const c of changes) if (c.base && c.head && c.base.key !== c.head.key) renames.set(c.head.key, c.base.key);
  return renames;
}

/**
 * Classifies the change's findings against what base already had. Exact matches (rule, resource,
 * fingerprint) are `unchanged`; what is left on a resource that had a finding of the same rule is
 * `updated`; the rest is `new`.
 */
export function classifyAgainstBase(changeFindings: readonly Finding[], baseFindings: readonly Finding[], renames: ReadonlyMap<string, string>): Finding[] {
  const pool = new FindingPool(baseFindings);
  const states = new Map<Finding, BaselineState>();
  for (const f of changeFindings) if (pool.take(f, renames, true)) states.set(f, "unchanged");
  for (const f of changeFindings) if (!states.has(f)) states.set(f, pool.take(f, renames, false) ? "updated" : "new");
  return changeFindings.map((f) => ({ ...f, baseline: states.get(f)! }));
}

/** Base findings with no match among head's own (same rule and resource, any cause): fixed by the change. */
export function resolvedFindings(baseFindings: readonly Finding[], headFindings: readonly Finding[], renames: ReadonlyMap<string, string>): Finding[] {
  const still = new Set(headFindings.map((f) => slot(f, renames)));
  return baseFindings.filter((f) => !still.has(slot(f, new Map())));
}

function slot(f: Finding, renames: ReadonlyMap<string, string>): string {
  const resource = findingResource(f);
  return `${f.rule}\u0000${renames.get(resource) ?? resource}`;
}

/** Base findings by rule and resource; each can match one head finding. */
class FindingPool {
  private readonly bySlot = new Map<string, Finding[]>();

  constructor(findings: readonly Finding[]) {
    for (const f of findings) {
      const key = slot(f, new Map());
      const list = this.bySlot.get(key);
      if (list) list.push(f);
      else this.bySlot.set(key, [f]);
    }
  }

  take(f: Finding, renames: ReadonlyMap<string, string>, exact: boolean): boolean {
    const list = this.bySlot.get(slot(f, renames));
    const i = list ? list.findIndex((b) => !exact || b.fingerprint === f.fingerprint) : -1;
    if (i < 0) return false;
    list!.splice(i, 1);
    return true;
  }
}
