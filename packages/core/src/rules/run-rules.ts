import type { HelmContext } from "../helm/releases.js";
import type { Change } from "../model/change.js";
import type { Finding } from "../model/finding.js";
import type { ManifestSet } from "../model/manifest.js";
import type { Manifest } from "../model/manifest.js";
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

/**
 * Runs rules one by one. A rule that throws is a bug in kubegate, not in the change: it is
 * collected so the caller can fail closed (exit 3) while still reporting the other rules.
 */
export function runRules(rules: Rule[], input: RunRulesInput): { findings: Finding[]; failures: RuleFailure[] } {
  const options: RuleOptions = { kubeVersion: DEFAULT_KUBE_VERSION, ingressControllers: [], ...input.options };
  const findings: Finding[] = [];
  const failures: RuleFailure[] = [];
  for (const rule of rules) {
    try {
      rule.check({
        base: input.base,
        head: input.head,
        changes: input.changes,
        options,
        ...(input.helm ? { helm: input.helm } : {}),
        report: ({ manifest, message, severity, fingerprint }) => {
          findings.push({
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
          });
        },
      });
    } catch (error) {
      failures.push({ rule: rule.meta.id, error: error instanceof Error ? error : new Error(String(error)) });
    }
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

/** `kubegate.dev/acknowledge: "rule-a, rule-b"` on an object accepts those rules' findings for it. */
export const ACK_ANNOTATION = "kubegate.dev/acknowledge";

function acknowledgedByAnnotation(manifest: Manifest, rule: string): boolean {
  const value = manifest.object.metadata.annotations?.[ACK_ANNOTATION];
  return typeof value === "string" && value.split(/[\s,]+/).includes(rule);
}
