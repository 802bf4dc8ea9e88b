import * as core from "@actions/core";

/**
 * The job summary: the same markdown as the PR comment, so the report is readable even when no
 * comment can be posted (forks, read-only tokens, push events). Appended during the run and
 * written once, in run()'s finally.
 */
export function summarizeReport(markdown: string): void {
  core.summary.addRaw(markdown, true);
}

/** A note above or below the report (why no comment was posted, where the reports are). */
export function summarizeNote(text: string): void {
  core.summary.addRaw(`\n> **Note:** ${text}\n`, true);
}

/** Writes the summary; outside a runner (no GITHUB_STEP_SUMMARY) it is logged instead. */
export async function writeSummary(): Promise<void> {
  if (!process.env["GITHUB_STEP_SUMMARY"]) {
    core.info(core.summary.stringify());
    core.summary.emptyBuffer();
    return;
  }
  try {
    await core.summary.write();
  } catch (error) {
    core.warning(`could not write the job summary: ${error instanceof Error ? error.message : String(error)}`);
  }
}
