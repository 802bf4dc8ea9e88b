import { describe, expect, it } from "vitest";
import { StagingError } from "./cluster/cluster-provider.js";
import { detectProvider, knownProviders } from "./detect-provider.js";

describe("detectProvider", () => {
  it("knows the local provider", () => {
    expect(knownProviders()).toContain("local");
  });

  it("rejects unknown names, from the flag or the environment, naming the source", async () => {
    await expect(detectProvider({ name: "nope", env: {} })).rejects.toThrow(/unknown cluster provider "nope" \(from --stage\/--provider\); known: local, kind, k3s, kubeconfig/);
    await expect(detectProvider({ env: { KUBEGATE_CLUSTER: "kindx" } })).rejects.toThrow(StagingError);
    await expect(detectProvider({ env: { KUBEGATE_CLUSTER: "kindx" } })).rejects.toThrow(/\$KUBEGATE_CLUSTER/);
  });

  it("never picks the kubeconfig provider by itself: an existing cluster must be asked for", async () => {
    const picked: unknown = await detectProvider({ env: {} }).catch((e: unknown) => e);
    // Either a provider is available (local, on this machine) or detection fails without trying kubeconfig.
    if (picked instanceof Error) expect(picked.message).not.toContain("kubeconfig");
    else expect((picked as { name: string }).name).not.toBe("kubeconfig");
  });

  it("hands provider options to the provider it makes", async () => {
    const provider = await detectProvider({ name: "kubeconfig", env: {}, providerOptions: { kubeconfig: { path: "/nonexistent/kubeconfig" } } }).catch((e: unknown) => e);
    expect((provider as Error).message).toMatch(/cluster provider "kubeconfig" \(from --stage\/--provider\) is not available: no kubeconfig at \/nonexistent\/kubeconfig/);
  });

  it("prefers the explicit name over the environment", async () => {
    await expect(detectProvider({ name: "nope", env: { KUBEGATE_CLUSTER: "local" } })).rejects.toThrow(/--provider/);
  });
});
