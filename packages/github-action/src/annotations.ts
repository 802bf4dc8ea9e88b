import * as core from "@actions/core";
import { describeRef, type Finding } from "@kubegate/core";
import { ANNOTATION_LIMITS } from "./constants.js";

type Kind = keyof typeof ANNOTATION_LIMITS;

/** Blocking severities are errors, warnings warnings; info and acknowledged findings are notices. */
export function annotationKind(f: Finding): Kind {
  if (f.acknowledged || f.severity === "info") return "notice";
  return f.severity === "warning" ? "warning" : "error";
}

export interface AnnotationCount {
  annotated: number;
  /** Findings left out because GitHub shows only so many annotations per step. */
  omitted: number;
}

/**
 * One annotation per finding, on its manifest file and line, within GitHub's per-step limits;
 * when a kind overflows, its last slot says how many more there are and where to read them.
 */
export function annotateFindings(findings: readonly Finding[], limits: Record<Kind, number> = ANNOTATION_LIMITS): AnnotationCount {
  const byKind: Record<Kind, Finding[]> = { error: [], warning: [], notice: [] };
  for (const f of findings) byKind[annotationKind(f)].push(f);
  let annotated = 0;
  let omitted = 0;
  for (const kind of ["error", "warning", "notice"] as const) {
    const list = byKind[kind];
    const limit = limits[kind];
    const shown = list.length > limit ? list.slice(0, Math.max(0, limit - 1)) : list;
    for (const f of shown) emit(kind, message(f), properties(f));
    annotated += shown.length;
    const rest = list.length - shown.length;
    if (rest > 0) {
      omitted += rest;
      emit(kind, `${rest} more kubegate finding(s) of this kind are not annotated (GitHub shows at most 10 annotations of a kind per step): see the job summary or the JSON report (output report-path).`, { title: "kubegate: more findings" });
    }
  }
  return { annotated, omitted };
}

function message(f: Finding): string {
  const ack = f.acknowledged ? ` (acknowledged: ${f.acknowledged})` : "";
  const fix = f.remediation ? `\nFix: ${f.remediation}` : "";
  return `${describeRef(f.resource)}: ${f.message}${ack}${fix}`;
}

function properties(f: Finding): core.AnnotationProperties {
  const located = f.file && !f.file.startsWith("<");
  return {
    title: `kubegate ${f.rule} (${f.severity})`,
    ...(located ? { file: f.file!.split("\\").join("/"), startLine: f.line ?? 1 } : {}),
  };
}

function emit(kind: Kind, text: string, props: core.AnnotationProperties): void {
  if (kind === "error") core.error(text, props);
  else if (kind === "warning") core.warning(text, props);
  else core.notice(text, props);
}
