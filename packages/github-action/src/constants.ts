/** Every name the action shares with the runner: state keys, outputs, limits. One place, no typos. */

/** Keys passed from the main step to the post step with core.saveState / core.getState. */
export const STATE = {
  /** JSON list of `{ repo, dir }`: git worktrees the main step added (the post step removes them). */
  worktrees: "kubegate-worktrees",
  /** Set once the main step started, so the post step knows whether there is anything to do. */
  started: "kubegate-started",
} as const;

/** Output names, as declared in action.yml. */
export const OUTPUT = {
  decision: "decision",
  findingsCount: "findings-count",
  reportPath: "report-path",
  sarifPath: "sarif-path",
  commentUrl: "comment-url",
  /** Staging only: the actions/cache key of the built tools (kubegate-tools-<os>-<arch>-<hash>). */
  toolsCacheKey: "tools-cache-key",
  /** Staging only: how many routes the smoke test probed, and how many of them failed. */
  stagedRoutes: "staged-routes",
  failedRoutes: "failed-routes",
} as const;

/** File names written into RUNNER_TEMP. */
export const FILES = {
  report: "kubegate-report.json",
  sarif: "kubegate.sarif",
} as const;

/**
 * GitHub shows at most 10 annotations of each kind per step (and 50 per job). core.setFailed
 * spends one error annotation, so findings get 9; when more exist, the last slot of a kind
 * becomes a line that says how many were left out.
 */
export const ANNOTATION_LIMITS = { error: 9, warning: 10, notice: 10 } as const;

/**
 * Values of the `stage` input: off (static check only), or the cluster provider of the staged
 * smoke test, passed to @kubegate/core's staging as is (the CLI's `gate --stage <provider>`).
 */
export const STAGE_VALUES = ["off", "local", "kind", "k3s"] as const;
