import type { HelmContext } from "../helm/releases.js";
import type { Finding } from "../model/finding.js";

const BLAST_RADIUS = "global-defaults-blast-radius";

/**
 * Hangs the shared values changes behind a release onto that release's own findings: the blast
 * radius explains why a release nobody edited now has a finding, and those findings decide.
 */
export function explainByValuesChanges(findings: Finding[], helm: HelmContext | undefined): Finding[] {
  const shared = (helm?.valuesChanges ?? []).filter((v) => v.releases.length > 1);
  if (shared.length === 0) return findings;
  return findings.map((f) => {
    if (f.rule === BLAST_RADIUS || !f.release || f.baseline === "unchanged") return f;
    const related = shared
      .filter((v) => v.releases.includes(f.release!))
      .map((v) => `${v.shown} changed (${v.changedKeys.slice(0, 3).join(", ")}${v.changedKeys.length > 3 ? ", ..." : ""}), a values file shared by ${v.releases.length} releases: see ${BLAST_RADIUS}`);
    return related.length > 0 ? { ...f, related: [...(f.related ?? []), ...related] } : f;
  });
}
