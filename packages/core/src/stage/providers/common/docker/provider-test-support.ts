/**
 * Shared by the kind and k3s integration tests (not by production code): why a real cluster of a
 * provider cannot start on this machine, or undefined. With $KUBEGATE_REQUIRE_DOCKER set (the
 * staging-providers workflow) that is a failure, not a skip: CI must never pass by skipping.
 */
import type { ClusterProvider } from "../../../cluster/cluster-provider.js";

export async function whyProviderCannotStart(provider: ClusterProvider): Promise<string | undefined> {
  const availability = await provider.isAvailable();
  if (availability.available) return undefined;
  const why = `${provider.name} cannot start here: ${availability.reason}`;
  if (process.env["KUBEGATE_REQUIRE_DOCKER"]) throw new Error(`${why} (and $KUBEGATE_REQUIRE_DOCKER is set)`);
  return why;
}

/** A run id for one test, unique across parallel runs. */
export const testRunId = (provider: string, what: string): string => `test-${provider}-${what}-${process.pid}-${Date.now().toString(36)}`;
