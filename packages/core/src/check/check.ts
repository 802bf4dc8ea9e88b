import type { KubegateConfig } from "../config/config.js";
import type { HelmContext } from "../helm/releases.js";
import { decide, ruleEnabled } from "../decide/decide.js";
import type { ReadOptions } from "../load/read-sources.js";
import type { LocatedObject } from "../load/to-objects.js";
import type { Change } from "../model/change.js";
import { failureText, type KubegateFailure } from "../model/failure.js";
import type { Decision, Finding, GateOn } from "../model/finding.js";
import type { ManifestSet } from "../model/manifest.js";
import { RULES } from "../rules/index.js";
import type { Rule } from "../rules/rule.js";
import { judgeChange } from "../baseline/judge-change.js";
import { loadModelValidators } from "../rules/custom-resource-invalid/model-validators.js";
import { SecretRegistry } from "../secrets/secret-registry.js";
import { registerHelmValues } from "../secrets/helm-values.js";
import { resolveSources } from "../sources/resolve-sources.js";
import type { CheckInput, ResolvedSources, SourceOptions } from "../sources/source-request.js";
import { buildSides } from "./build-sides.js";
import { mergeClusterResults } from "./check-clusters.js";
import { explainByValuesChanges } from "./explain-findings.js";
import { targetVersion, type TargetVersion } from "./target-version.js";

export interface CheckOptions extends Omit<SourceOptions, "config" | "kubeVersion"> {
  config?: KubegateConfig;
  /** Overrides config.kubeVersion. */
  kubeVersion?: string;
  /** Rules to run instead of all registered ones. */
  rules?: readonly Rule[];
  /** File reading limits and stdin (cwd, maxFileBytes, stdin); the same as the top-level options. */
  read?: ReadOptions;
  /** Skip unified patches when only findings are needed. */
  patches?: boolean;
  /** Helm renders behind the objects (src/helm), handed to rules as `ctx.helm`. */
  helm?: HelmContext;
  /** Secret values already known (e.g. revealed Pulumi secrets): every report redacts them. */
  secrets?: SecretRegistry;
  /** Overrides config.gate: gate on what the change introduces (default) or on everything. */
  gateOn?: GateOn;
}

/** What was read, for the summary that opens every report. */
export type SourcesReport = Pick<ResolvedSources, "summary" | "notes" | "units">;

export interface CheckResult {
  decision: Decision;
  reasons: string[];
  /** Every finding of the change, each with its `baseline` state against base. */
  findings: Finding[];
  /** Findings base had that head no longer has: what the change fixes. */
  resolved: Finding[];
  /** The Kubernetes version rules judged against, and where it came from. */
  target: TargetVersion;
  gateOn: GateOn;
  changes: Change[];
  base: ManifestSet;
  head: ManifestSet;
  /** Every secret value met: reports pass all text through `secrets.redact`. */
  secrets: SecretRegistry;
  /** Why kubegate could not finish (a rule crashed, staging broke): the decision is "error". */
  failures: KubegateFailure[];
  /** The kubegate.yaml the decision used (the caller's, else the platform tree's). */
  config: KubegateConfig;
  /** What was read (sources/): "rendered 14 releases in 2 environments and 3 kustomizations; ...". */
  sources?: SourcesReport;
  /** A GitOps change altering several clusters: each cluster's own decision (findings carry `cluster`). */
  clusters?: Array<{ name: string; decision: Decision }>;
}

/**
 * sources -> load -> normalize -> diff -> rules -> decide, from exactly what the CLI accepts:
 * `{ base, head }` paths (files, folders, "-", Helm trees, helmfiles, kustomizations), git refs, or
 * a Pulumi preview. Bad input throws an InputError (`kind: "input"`).
 */
export async function check(input: CheckInput, options: CheckOptions = {}): Promise<CheckResult> {
  const sources = await resolveSources(input, sourceOptions(options));
  const config = options.config ?? sources.treeConfig;
  await loadRuleSchemas(sources.clusters ? sources.clusters.flatMap((c) => [...c.base, ...c.head]) : [...sources.base, ...sources.head]);
  if (sources.clusters) {
    // One registry for every cluster: the merged report redacts all of their secrets.
    const secrets = sources.secrets ?? options.secrets ?? new SecretRegistry();
    const results = sources.clusters.map((c) => ({
      cluster: c.name,
      result: checkObjects(c.base, c.head, { ...options, ...(config ? { config } : {}), ...(c.helm ? { helm: c.helm } : {}), secrets, sources }),
    }));
    return mergeClusterResults(results);
  }
  return checkObjects(sources.base, sources.head, {
    ...options,
    ...(config ? { config } : {}),
    ...(sources.helm ? { helm: sources.helm } : {}),
    ...(sources.secrets ? { secrets: sources.secrets } : {}),
    sources,
  });
}

/** The source options of check options (`read` is the older spelling of cwd/maxFileBytes/stdin). */
export function sourceOptions(options: CheckOptions): SourceOptions {
  const { read, rules: _rules, patches: _patches, helm: _helm, secrets: _secrets, gateOn: _gateOn, ...rest } = options;
  return { ...(read ?? {}), ...rest };
}

/**
 * Loads what rules validate custom resources with (the @kubernetes-models schemas of the kinds
 * present) before `checkObjects`, which runs the rules synchronously. `check` does it itself.
 */
export async function loadRuleSchemas(objects: readonly LocatedObject[]): Promise<void> {
  await loadModelValidators(objects.map((o) => o.object));
}

/** The same from already-loaded objects (Helm renders, Pulumi previews, tests); `await loadRuleSchemas` first. */
export function checkObjects(base: LocatedObject[], head: LocatedObject[], options: CheckOptions & { sources?: SourcesReport } = {}): CheckResult {
  const config = options.config ?? {};
  const secrets = options.secrets ?? new SecretRegistry();
  if (options.helm) registerHelmValues(secrets, options.helm);
  const sides = buildSides(base, head, {
    secrets,
    ...(config.defaultNamespace ? { defaultNamespace: config.defaultNamespace } : {}),
    ...(config.ignoreDifferences ? { ignoreDifferences: config.ignoreDifferences } : {}),
    ...(options.patches === false ? { patches: false } : {}),
  });
  const rules = (options.rules ?? RULES).filter((r) => ruleEnabled(config, r.meta.id));
  const target = targetVersion(options.kubeVersion, config.kubeVersion);
  const judged = judgeChange(rules, {
    ...sides,
    options: { kubeVersion: target.version, ingressControllers: config.ingressControllers ?? [] },
    ...(options.helm ? { helm: options.helm } : {}),
  });
  const findings = explainByValuesChanges(judged.findings, options.helm);
  const failures: KubegateFailure[] = judged.failures.map((f) => ({ kind: "rule", rule: f.rule, message: f.error.message }));
  const gateOn = options.gateOn ?? config.gate ?? "changes";
  const decision = decide(findings, { ...config, gate: gateOn }, failures.map(failureText));
  return { ...sides, secrets, ...decision, resolved: judged.resolved, target, gateOn, failures, config, ...(options.sources ? { sources: options.sources } : {}) };
}
