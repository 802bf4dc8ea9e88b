import { check, type CheckOptions, type CheckResult } from "../check/check.js";
import { decide } from "../decide/decide.js";
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
  settleMs?: number;
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
  try {
    const smoke = await runSmoke(staticResult.base, staticResult.head, {
      provider: options.stage,
      ...(options.stageOptions ? { providerOptions: options.stageOptions } : {}),
      logger: options.logger ?? silentLogger,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.settleMs ? { settleMs: options.settleMs } : {}),
      ...(options.keepUntil ? { beforeTeardown: options.keepUntil } : {}),
      ...(options.config?.checks ? { checks: options.config.checks } : {}),
    });
    // decide() re-applies config to static findings idempotently (same overrides, same acknowledgements).
    const decision = decide([...staticResult.findings, ...smoke.findings], { ...options.config, gate: staticResult.gateOn }, staticResult.failures.map(failureText));
    return { ...staticResult, ...decision, smoke };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const failures: KubegateFailure[] = [...staticResult.failures, { kind: "staging", message, ...(error instanceof StagingError ? { logs: error.logs } : {}) }];
    const decision = decide(staticResult.findings, { ...options.config, gate: staticResult.gateOn }, failures.map(failureText));
    return { ...staticResult, ...decision, failures, ...(error instanceof StagingError ? { stagingLogs: error.logs } : {}) };
  }
}
