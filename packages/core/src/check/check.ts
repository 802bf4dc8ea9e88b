import type { KubegateConfig } from "../config/config.js";
import type { HelmContext } from "../helm/releases.js";
import { decide, ruleEnabled } from "../decide/decide.js";
import { loadManifests } from "../load/load-manifests.js";
import type { ReadOptions } from "../load/read-sources.js";
import type { LocatedObject } from "../load/to-objects.js";
import type { Change } from "../model/change.js";
import type { Decision, Finding, GateOn } from "../model/finding.js";
import type { ManifestSet } from "../model/manifest.js";
import { RULES } from "../rules/index.js";
import type { Rule } from "../rules/rule.js";
import { judgeChange } from "../baseline/judge-change.js";
import { SecretRegistry } from "../secrets/secret-registry.js";
import { buildSides } from "./build-sides.js";
import { explainByValuesChanges } from "./explain-findings.js";
import { targetVersion, type TargetVersion } from "./target-version.js";

export interface CheckOptions {
  config?: KubegateConfig;
  /** Overrides config.kubeVersion. */
  kubeVersion?: string;
  /** Rules to run instead of all registered ones. */
  rules?: readonly Rule[];
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
  /** Internal failures (a rule crashed): the decision is "error". */
  failures: string[];
}

/** load -> normalize -> diff -> rules -> decide, from paths (files, folders, "-"). */
export async function check(input: { base: string[]; head: string[] }, options: CheckOptions = {}): Promise<CheckResult> {
  const [base, head] = [await loadManifests(input.base, options.read), await loadManifests(input.head, options.read)];
  return checkObjects(base, head, options);
}

/** The same from already-loaded objects (Helm renders, Pulumi previews, tests). */
export function checkObjects(base: LocatedObject[], head: LocatedObject[], options: CheckOptions = {}): CheckResult {
  const config = options.config ?? {};
  const secrets = options.secrets ?? new SecretRegistry();
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
  const failureText = judged.failures.map((f) => `rule ${f.rule} crashed: ${f.error.message}`);
  const gateOn = options.gateOn ?? config.gate ?? "changes";
  const decision = decide(findings, { ...config, gate: gateOn }, failureText);
  return { ...sides, secrets, ...decision, resolved: judged.resolved, target, gateOn, failures: failureText };
}
