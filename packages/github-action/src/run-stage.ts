import * as core from "@actions/core";
import { stageCheck, type GateResult } from "@kubegate/core";
import type { StagedProvider } from "./inputs.js";
import type { CheckRun } from "./run-check.js";

/**
 * The staged smoke test on the finished static check, as `kubegate gate --stage <provider>` runs
 * it: the provider name goes to core as is (core picks and checks the provider). One decision
 * over both; when staging itself breaks the decision is "error" (fail closed). Progress goes to
 * a folded log group, passed through the redactor of the check's secret values.
 */
export async function runStage(stage: StagedProvider, run: CheckRun, signal?: AbortSignal): Promise<GateResult> {
  const redact = (line: string): string => run.result.secrets.redact(line);
  const logger = {
    info: (line: string) => core.info(redact(line)),
    // Staging warnings are progress (a version substituted, a retry), not annotations.
    warn: (line: string) => core.info(`warning: ${redact(line)}`),
    debug: (line: string) => core.debug(redact(line)),
  };
  return core.group(`kubegate: staged smoke test (stage: ${stage})`, () =>
    stageCheck(run.result, { config: run.config, stage, logger, ...(signal ? { signal } : {}) }),
  );
}

/** Routes the smoke test probed (skipped ones excluded), and those that failed at some stage. */
export function routeCounts(result: GateResult): { staged: number; failed: number } | undefined {
  if (!result.smoke) return undefined;
  const probed = result.smoke.routes.filter((r) => !r.skipped);
  const failed = probed.filter((r) => [r.base, r.head, r.afterRestart].some((o) => o !== null && !o.ok));
  return { staged: probed.length, failed: failed.length };
}

/** The components' last log lines when staging broke, for the job summary (not the PR comment). */
export function stagingLogsMarkdown(result: GateResult, limit = 20_000): string | undefined {
  const logs = Object.entries(result.stagingLogs ?? {}).filter(([, text]) => text.trim() !== "");
  if (logs.length === 0) return undefined;
  const per = Math.max(500, Math.floor(limit / logs.length));
  const sections = logs.map(([component, text]) => {
    const redacted = result.secrets.redact(text).replace(/```/g, "'''");
    const tail = redacted.length > per ? `…\n${redacted.slice(-per)}` : redacted;
    return `<details><summary>Last log lines of ${component}</summary>\n\n\`\`\`text\n${tail}\n\`\`\`\n</details>`;
  });
  return ["### Staging logs", "", ...sections, ""].join("\n");
}
