import type { SourceUnit } from "./source-request.js";

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * One line opening every report: "rendered 14 releases in 2 environments and 3 kustomizations; 2
 * charts unavailable offline: ...". Counted on head (what would be deployed), base when head has none.
 */
export function sourceSummary(units: SourceUnit[], notes: string[]): string {
  const head = units.filter((u) => u.side === "head");
  const side = head.length > 0 ? head : units;
  // Notes carry their side ("head: ..."): count the counted side's only, so a hook present at both
  // refs is one skipped hooks block, not two.
  const sideName = head.length > 0 ? "head" : "base";
  const sideNotes = notes.filter((n) => !/^(base|head): /.test(n) || n.startsWith(`${sideName}: `));
  const releases = side.filter((u) => u.kind === "helm" || u.kind === "helmfile").reduce((n, u) => n + (u.releases ?? 0), 0);
  const environments = new Set(side.filter((u) => u.kind === "helmfile").map((u) => u.environment ?? "default"));
  const kustomizations = side.filter((u) => u.kind === "kustomize").length;
  const manifests = side.filter((u) => u.kind === "manifests" || u.kind === "stdin").length;
  const preview = side.some((u) => u.kind === "pulumi-preview");
  const parts: string[] = [];
  if (side.some((u) => u.kind === "helm" || u.kind === "helmfile")) parts.push(`rendered ${plural(releases, "release")}${environments.size > 0 ? ` in ${plural(environments.size, "environment")} (${[...environments].join(", ")})` : ""}`);
  if (kustomizations > 0) parts.push(`${parts.length ? "" : "built "}${plural(kustomizations, "kustomization")}`);
  if (manifests > 0) parts.push(`read ${plural(manifests, "manifest path")}`);
  if (preview) parts.push("read a Pulumi preview");
  for (const tool of ["flux", "argocd"] as const) {
    const clusters = side.filter((u) => u.kind === tool);
    if (clusters.length === 0) continue;
    const units = clusters.reduce((n, u) => n + (u.gitopsUnits ?? 0), 0);
    const charts = clusters.reduce((n, u) => n + (u.releases ?? 0), 0);
    const unitWord = tool === "flux" ? "Kustomization" : "Application";
    parts.push(`read ${plural(clusters.length, `${tool === "flux" ? "Flux" : "Argo CD"} cluster`)} (${plural(units, unitWord)}${charts ? `, ${plural(charts, "chart")} rendered` : ""})`);
  }
  const offline = [...new Set(sideNotes.filter((n) => /not available offline|is not a local chart|is not in .* \(mapped/.test(n)))];
  const hooks = sideNotes.filter((n) => /^(base|head): skipped \d+ hook/.test(n));
  const tail = [
    ...(offline.length ? [`${plural(offline.length, "chart")} unavailable offline: ${listed(offline.map((n) => n.replace(/^(base|head): /, "").replace(/: chart .*$/, "")))}`] : []),
    ...(hooks.length ? [`${plural(hooks.length, "hooks block")} skipped (never run)`] : []),
  ];
  return [parts.join(" and "), ...tail].filter(Boolean).join("; ");
}

/** The first few, then how many more: a GitOps repository can have dozens (the notes list them all). */
function listed(items: string[], shown = 5): string {
  return items.length <= shown ? items.join(", ") : `${items.slice(0, shown).join(", ")} and ${items.length - shown} more (listed in the notes)`;
}
