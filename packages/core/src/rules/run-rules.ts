import { appendAll } from "../util/append-all.js";
import type { HelmContext } from "../helm/releases.js";
import type { Change } from "../model/change.js";
import type { Finding, Severity } from "../model/finding.js";
import type { ManifestSet } from "../model/manifest.js";
import type { Manifest } from "../model/manifest.js";
import { malformedKeys, without } from "./malformed-objects.js";
import { DEFAULT_KUBE_VERSION, INCIDENTS, type Rule, type RuleOptions } from "./rule.js";

export interface RunRulesInput {
  base: ManifestSet;
  head: ManifestSet;
  changes: Change[];
  options?: Partial<RuleOptions>;
  /** Helm renders and values changes, when the change came from Helm releases. */
  helm?: HelmContext;
}

export interface RuleFailure {
  rule: string;
  error: Error;
}

/** Objects tried one at a time when a rule crashes on something no schema knows (bounded work). */
const MAX_SINGLE_SKIPS = 32;

/**
 * Runs rules one by one. A rule that crashes on a malformed object (wrong field types, which
 * schema-invalid reports) is run again without the malformed objects, then without each changed
 * object in turn; an object skipped that way gets a finding of its own. A rule that still throws
 * is a bug in kubegate, not in the change: it is collected so the caller can fail closed (exit 3)
 * while still reporting the other rules.
 */
export function runRules(rules: Rule[], input: RunRulesInput): { findings: Finding[]; failures: RuleFailure[] } {
  const options: RuleOptions = { kubeVersion: DEFAULT_KUBE_VERSION, ingressControllers: [], ...input.options };
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  let malformed: Set<string> | undefined;
  for (const rule of rules) {
    const first = runOne(rule, input, options);
    if (first.ok) {
      appendAll(findings, first.findings);
      continue;
    }
    malformed ??= malformedKeys([input.base, input.head]);
    const retried = retryWithout(rule, input, options, malformed);
    if (retried) appendAll(findings, retried);
    else failures.push({ rule: rule.meta.id, error: first.error });
  }
  return { findings, failures };
}

/**
 * A message without what moves when nothing about the cause does: line numbers, and the folders
 * of file paths (base and head are often two checkouts or two folders of the same tree).
 */
export function defaultFingerprint(message: string): string {
  return message
    .replace(/\b(line|lines) \d+(-\d+)?/g, "$1 N")
    .replace(/(?:[\w.@~+-]*\/)+([\w.@+-]+\.(?:ya?ml|json|tpl|tgz|toml))(?::\d+(?::\d+)?)?/g, "$1");
}

function retryWithout(rule: Rule, input: RunRulesInput, options: RuleOptions, malformed: Set<string>): Finding[] | undefined {
  if (malformed.size > 0) {
    const result = runOne(rule, without(input, malformed), options);
    if (result.ok) return result.findings;
  }
  for (const change of input.changes.slice(0, MAX_SINGLE_SKIPS)) {
    const skip = new Set([...malformed, change.key]);
    const result = runOne(rule, without(input, skip), options);
    const manifest = change.head ?? change.base;
    if (result.ok && manifest) return [...result.findings, skippedFinding(rule, manifest)];
  }
  return undefined;
}

function skippedFinding(rule: Rule, manifest: Manifest): Finding {
  return findingFor(rule, manifest, `${manifest.ref.kind} ${manifest.ref.name} has fields of a shape ${rule.meta.id} cannot read (malformed object): the rule skipped it, fix the object`, "high");
}

type RunResult = { ok: true; findings: Finding[] } | { ok: false; error: Error };

function runOne(rule: Rule, input: RunRulesInput, options: RuleOptions): RunResult {
  const findings: Finding[] = [];
  try {
    rule.check({
      base: input.base,
      head: input.head,
      changes: input.changes,
      options,
      ...(input.helm ? { helm: input.helm } : {}),
      report: ({ manifest, message, severity, fingerprint }) => {
        findings.push(findingFor(rule, manifest, message, severity, fingerprint));
      },
    });
    return { ok: true, findings };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
  }
}

function findingFor(rule: Rule, manifest: Manifest, message: string, severity: Severity | undefined, fingerprint?: string): Finding {
  return {
    rule: rule.meta.id,
    severity: severity ?? rule.meta.severity,
    resource: manifest.ref,
    message,
    fingerprint: fingerprint ?? defaultFingerprint(message),
    file: manifest.source.file,
    line: manifest.source.line,
    remediation: rule.meta.remediation,
    incidents: rule.meta.incidents.map((i) => INCIDENTS[i]),
    ...(manifest.source.release ? { release: manifest.source.release } : {}),
    ...(manifest.source.helmSource ? { helmSource: manifest.source.helmSource } : {}),
    ...(manifest.source.urn ? { urn: manifest.source.urn } : {}),
    ...(acknowledgedByAnnotation(manifest, rule.meta.id) ? { acknowledged: `annotation ${ACK_ANNOTATION}` } : {}),
  };
}

/** `kubegate.dev/acknowledge: "rule-a, rule-b"` on an object accepts those rules' findings for it. */
export const ACK_ANNOTATION = "kubegate.dev/acknowledge";

function acknowledgedByAnnotation(manifest: Manifest, rule: string): boolean {
  const value = manifest.object.metadata.annotations?.[ACK_ANNOTATION];
  return typeof value === "string" && value.split(/[\s,]+/).includes(rule);
}
