import { describe, expect, it } from "vitest";
import { StagingError } from "./cluster/cluster-provider.js";
import { detectProvider, knownProviders } from "./detect-provider.js";

describe("detectProvider", () => {
  it("knows the local provider", () => {
    expect(knownProviders()).toContain("local");
  });

  it("rejects unknown names, from the flag or the environment, naming the source", async () => {
    await expect(detectProvider({ name: "nope", env: {} })).rejects.toThrow(/unknown cluster provider "nope" \(from --provider\); known: local/);
    await expect(detectProvider({ env: { KUBEGATE_CLUSTER: "kindx" } })).rejects.toThrow(StagingError);
    await expect(detectProvider({ env: { KUBEGATE_CLUSTER: "kindx" } })).rejects.toThrow(/\$KUBEGATE_CLUSTER/);
  });

  it("prefers the explicit name over the environment", async () => {
    await expect(detectProvider({ name: "nope", env: { KUBEGATE_CLUSTER: "local" } })).rejects.toThrow(/--provider/);
  });
});
