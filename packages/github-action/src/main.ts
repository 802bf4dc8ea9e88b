import * as core from "@actions/core";
import * as github from "@actions/github";
import { tmpdir } from "node:os";
import { InputError, renderReport, type GateResult } from "@kubegate/core";
import { annotateFindings } from "./annotations.js";
import { publishComment, type CommentOutcome } from "./comment.js";
import { OUTPUT, STATE } from "./constants.js";
import { errorKind, errorMarkdown, errorMessage } from "./error-report.js";
import type { Worktree } from "./git-worktree.js";
import { readInputs, type ActionInputs } from "./inputs.js";
import { outcomeFor } from "./outcome.js";
import { writeJsonReport } from "./report-file.js";
import { resolveSides, type EventPayload } from "./resolve-sides.js";
import { runCheck } from "./run-check.js";
import { routeCounts, runStage, stagingLogsMarkdown } from "./run-stage.js";
import { writeSarif } from "./sarif.js";
import { summarizeNote, summarizeReport, writeSummary } from "./summary.js";
import { prepareTools, toolsPlan, toolsSummary, type ToolsReport } from "./tools-cache.js";

/**
 * The action's main step: the static check, then with `stage` the staged smoke test (tools from
 * the Actions cache or built with Go). Fails closed: bad inputs, unreadable manifests, staging
 * that cannot run and internal errors fail the job like a block does. The summary is written in
 * `finally`, whatever happened.
 */
export async function run(): Promise<void> {
  const worktrees: Worktree[] = [];
  let inputs: ActionInputs | undefined;
  try {
    core.saveState(STATE.started, "true");
    inputs = readInputs();
    const workspace = process.env["GITHUB_WORKSPACE"] ?? process.cwd();
    const tempDir = process.env["RUNNER_TEMP"] ?? tmpdir();
    const sides = inputs.pulumiPreview ? undefined : await resolveSides(inputs, {
      workspace,
      tempDir,
      eventName: github.context.eventName,
      payload: github.context.payload as EventPayload,
      onWorktree: (w) => {
        worktrees.push(w);
        core.saveState(STATE.worktrees, JSON.stringify(worktrees));
      },
      log: (line) => core.info(line),
    });
    const checked = await runCheck(inputs, sides, workspace);
    const { failOn } = checked;
    let result: GateResult = checked.result;
    let tools: ToolsReport | undefined;
    if (inputs.stage !== "off") {
      const plan = toolsPlan(inputs.stage);
      core.setOutput(OUTPUT.toolsCacheKey, plan.key);
      const signal = cancellation.start();
      tools = await core.group(`kubegate: staging tools (cache key ${plan.key})`, () =>
        prepareTools(plan, { log: (line) => core.info(line), warn: (line) => core.warning(line), signal }),
      );
      result = await runStage(inputs.stage, checked, signal);
    }

    // The markdown report, with the staged route table when there was a smoke test.
    const markdown = renderReport(result, "markdown");
    summarizeReport(markdown);
    const logs = stagingLogsMarkdown(result);
    if (logs) summarizeReport(logs);
    if (tools) summarizeNote(toolsSummary(tools));
    core.setOutput(OUTPUT.decision, result.decision);
    core.setOutput(OUTPUT.findingsCount, String(result.findings.length));
    const routes = routeCounts(result);
    if (routes) {
      core.setOutput(OUTPUT.stagedRoutes, String(routes.staged));
      core.setOutput(OUTPUT.failedRoutes, String(routes.failed));
    }
    core.setOutput(OUTPUT.reportPath, await writeJsonReport(result, tempDir));
    if (inputs.sarif) core.setOutput(OUTPUT.sarifPath, await writeSarif(result, tempDir));

    const { omitted } = annotateFindings(result.findings);
    if (omitted > 0) summarizeNote(`${omitted} finding(s) are not shown as annotations (GitHub's per-step limit); all of them are in the table above.`);
    report(await comment(inputs, markdown));

    const outcome = outcomeFor(result.decision, failOn, result.reasons);
    if (outcome.failed) core.setFailed(outcome.message);
    else core.info(outcome.message);
  } catch (error) {
    core.setOutput(OUTPUT.decision, "error");
    annotateInputProblems(error);
    const markdown = errorMarkdown(error);
    summarizeReport(markdown);
    // A stale PASS comment must not survive a check that could not run: the comment says error too.
    if (inputs) report(await comment(inputs, markdown));
    core.setFailed(`kubegate: ${errorKind(error)}: ${errorMessage(error)}`);
  } finally {
    cancellation.stop();
    await writeSummary();
  }
}

/**
 * A cancelled job (SIGINT, then SIGTERM from the runner) aborts staging, which tears the cluster
 * down before the step ends. Listening only while staging: the static check keeps node's defaults.
 */
const cancellation = {
  controller: undefined as AbortController | undefined,
  onSignal(signal: NodeJS.Signals): void {
    cancellation.controller?.abort(new Error(`${signal}: the job was cancelled`));
  },
  start(): AbortSignal {
    cancellation.controller = new AbortController();
    process.on("SIGINT", cancellation.onSignal);
    process.on("SIGTERM", cancellation.onSignal);
    return cancellation.controller.signal;
  },
  stop(): void {
    process.off("SIGINT", cancellation.onSignal);
    process.off("SIGTERM", cancellation.onSignal);
    cancellation.controller = undefined;
  },
};

async function comment(inputs: ActionInputs, body: string): Promise<CommentOutcome> {
  let repo: { owner: string; repo: string };
  try {
    repo = github.context.repo;
  } catch {
    return { kind: "skipped", reason: "no repository in the environment (GITHUB_REPOSITORY)" };
  }
  return publishComment({
    enabled: inputs.comment,
    token: inputs.token,
    eventName: github.context.eventName,
    payload: github.context.payload,
    repo,
    body,
  });
}

function report(outcome: CommentOutcome): void {
  switch (outcome.kind) {
    case "created":
    case "updated":
      core.info(`kubegate comment ${outcome.kind}: ${outcome.url}`);
      core.setOutput(OUTPUT.commentUrl, outcome.url);
      return;
    case "skipped":
      core.info(`no PR comment: ${outcome.reason}`);
      return;
    case "degraded":
      core.notice(outcome.reason, { title: "kubegate: no PR comment" });
      summarizeNote(outcome.reason);
  }
}

/** Bad manifests are annotated where they are broken (file and line), like findings. */
function annotateInputProblems(error: unknown): void {
  if (!(error instanceof InputError)) return;
  for (const p of error.problems.slice(0, 9)) {
    core.error(p.message, { title: "kubegate: cannot read input", file: p.file, ...(p.line ? { startLine: p.line } : {}) });
  }
}
