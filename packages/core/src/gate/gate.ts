import { InputError } from "../model/input-error.js";
import { check, type CheckOptions, type CheckResult } from "../check/check.js";
import { decide, ruleEnabled, type DecisionResult } from "../decide/decide.js";
import { failureText, type KubegateFailure } from "../model/failure.js";
import { silentLogger, type Logger } from "../log/logger.js";
import type { CheckInput } from "../sources/source-request.js";
import { runSmoke, type SmokeReport } from "../smoke/run-smoke.js";
import { StagingError, type ProviderName } from "../stage/cluster/cluster-provider.js";
import type { ProviderOptions } from "../stage/detect-provider.js";

export interface GateOptions extends CheckOptions {
  /** Provider for the staged smoke test; undefined runs the static check only. */
  stage?: ProviderName;
  /** Provider settings (kubeconfig path and context, the throwaway-marker override). */
  stageOptions?: ProviderOptions;
  /** Progress lines (default: none). */
  logger?: Logger;
  signal?: AbortSignal;
  /** Keep the cluster up until this resolves (`--keep`: until Ctrl-C). */
  keepUntil?: (cluster: { kubeconfigPath: string; runId: string }) => Promise<void>;
  /** Called with the result of a staged run before its teardown (the CLI prints the decision there). */
  onDecision?: (result: GateResult) => Promise<void>;
  /** Test hook awaited at each phase boundary (the CLI's KUBEGATE_TEST_PAUSE_AT). */
  pause?: (phase: string) => Promise<void>;
  settleMs?: number;
  /** `--require-staging`: a declared controller staging cannot run is an error, not a warning. */
  requireStaging?: boolean;
}

export interface GateResult extends CheckResult {
  smoke?: SmokeReport;
  /** Last log lines of the components when staging itself broke. */
  stagingLogs?: Record<string, string>;
}

/**
 * The whole gate: the static check, then (with a stage) the smoke test on a throwaway cluster,
 * and one decision over both. When staging itself breaks, the decision is "error": kubegate
 * fails closed rather than passing a change it could not test.
 */
export async function gate(input: CheckInput, options: GateOptions = {}): Promise<GateResult> {
  return stageCheck(await check(input, options), options);
}

/** Stages the objects of a finished static check (manifests, Helm renders, a Pulumi preview). */
export async function stageCheck(staticResult: CheckResult, options: GateOptions): Promise<GateResult> {
  if (!options.stage) return staticResult;
  // One throwaway cluster stands for one real one: the clusters a GitOps change alters are staged apart.
  if (staticResult.clusters) {
    const names = staticResult.clusters.map((c) => c.name);
    throw new InputError([{ file: names[0]!, message: `the change alters ${names.length} clusters (${names.join(", ")}); staging replays one at a time: name its folder (e.g. \`kubegate gate --base-ref A --head-ref B ${names[0]}\`)` }]);
  }
  // decide() re-applies config to static findings idempotently (same overrides, same acknowledgements).
  const withSmoke = (smoke: SmokeReport): GateResult => ({ ...staticResult, ...stagedDecision(staticResult, smoke, options), smoke });
  // The staged cluster runs the Kubernetes version the change targets (the nearest one built).
  const kubeVersion = options.kubeVersion ?? options.config?.kubeVersion;
  try {
    const smoke = await runSmoke(staticResult.base, staticResult.head, {
      provider: options.stage,
      ...(kubeVersion ? { kubeVersion } : {}),
      ...(options.stageOptions ? { providerOptions: options.stageOptions } : {}),
      logger: options.logger ?? silentLogger,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.settleMs ? { settleMs: options.settleMs } : {}),
      ...(options.pause ? { pause: options.pause } : {}),
      beforeTeardown: async (cluster, smoke) => {
        await options.onDecision?.(withSmoke(smoke));
        await options.keepUntil?.(cluster);
      },
      ...(options.config?.checks ? { checks: options.config.checks } : {}),
    });
    return withSmoke(smoke);
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const failures: KubegateFailure[] = [...staticResult.failures, { kind: "staging", message, ...(error instanceof StagingError ? { logs: error.logs } : {}) }];
    const decision = decide(staticResult.findings, { ...options.config, gate: staticResult.gateOn }, failures.map(failureText));
    return { ...staticResult, ...decision, failures, ...(error instanceof StagingError ? { stagingLogs: error.logs } : {}) };
  }
}

/**
 * One decision over the static findings and what staging observed. Staged rules are rules: `off`
 * in kubegate.yaml drops their findings like a static rule's; a staged rule that crashed, and with
 * `--require-staging` a declared controller staging could not run, make the decision "error".
 */
export function stagedDecision(staticResult: Pick<CheckResult, "findings" | "failures"> & Partial<Pick<CheckResult, "gateOn">>, smoke: Pick<SmokeReport, "findings" | "failures" | "unstaged">, options: Pick<GateOptions, "config" | "requireStaging">): DecisionResult {
  const config = { ...options.config, ...(staticResult.gateOn ? { gate: staticResult.gateOn } : {}) };
  const stagedFindings = smoke.findings.filter((f) => ruleEnabled(config, f.rule));
  const unproven = options.requireStaging ? smoke.unstaged.map((u) => `--require-staging: ${u.controller} is not stageable here; its routes were not proven (${u.reason})`) : [];
  // decide() re-applies config to static findings idempotently (same overrides, same acknowledgements).
  return decide([...staticResult.findings, ...stagedFindings], config, [...staticResult.failures.map(failureText), ...smoke.failures, ...unproven]);
}
