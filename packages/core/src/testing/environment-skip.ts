/**
 * For the test suites of every package (not production code): a test that cannot run in this
 * environment (a tool not built, a sandbox not allowed) skips and says why, unless
 * $KUBEGATE_NO_SKIP is set: then the skip is a failure naming what is missing. `.ci/run` sets it,
 * so CI can never pass by skipping. (kind and k3s without Docker have their own switch,
 * $KUBEGATE_REQUIRE_DOCKER, see stage/providers/docker/provider-test-support.ts.)
 */
export const NO_SKIP_SWITCH = "KUBEGATE_NO_SKIP";

/** `reason` when the test may skip here; throws when skips are turned into failures. */
export function environmentSkip(reason: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (reason === undefined) return undefined;
  const value = env[NO_SKIP_SWITCH];
  if (value !== undefined && value !== "" && value !== "0") {
    throw new Error(`${reason} ($${NO_SKIP_SWITCH} is set: this test must run, not skip)`);
  }
  return reason;
}
