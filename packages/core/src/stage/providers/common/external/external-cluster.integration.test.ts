/**
 * startExternalCluster around a real API server (a local cluster, reached only through its
 * kubeconfig): the provider's release runs exactly once, on success and on failure, and an API
 * server that dies mid-run fails the run through `failed` instead of a timeout.
 */
import { readFile, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../../../log/logger.js";
import { StagingError } from "../../../cluster/cluster-provider.js";
import { newRunId } from "../../../cluster/run-id.js";
import { findRunProcesses } from "../../../sandbox/find-run-processes.js";
import { ensureTool } from "../../../tools/build-tool.js";
import { LocalProvider } from "../../local/local-provider.js";
import { startExternalCluster } from "./external-cluster.js";

beforeAll(async () => {
  for (const tool of ["etcd", "kube-apiserver"] as const) await ensureTool(tool);
}, 60 * 60_000);

const runDirsOf = async (runId: string): Promise<string[]> => (await readdir(tmpdir())).filter((e) => e.includes(runId));

describe("startExternalCluster", () => {
  it("releases the provider's cluster once when it cannot use it, and leaves nothing", async () => {
    let released = 0;
    const runId = newRunId();
    const noCa = JSON.stringify({ clusters: [{ name: "c", cluster: { server: "https://127.0.0.1:1" } }], users: [{ name: "u", user: {} }], contexts: [{ name: "x", context: { cluster: "c", user: "u" } }], "current-context": "x" });
    const error = await startExternalCluster({ provider: "kind", runId, logger: silentLogger, kubeconfig: noCa, release: async () => void released++, collectLogs: async () => ({ node: "kubelet said hello" }) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StagingError);
    expect((error as StagingError).message).toMatch(/^kind cluster: cluster c has no certificate-authority/);
    expect((error as StagingError).logs).toEqual({ node: "kubelet said hello" });
    expect(released).toBe(1);
    expect(await runDirsOf(runId)).toEqual([]);
  });

  it("fails the run through `failed` when the API server dies, and releases once on stop", async () => {
    const local = await new LocalProvider().create({ runId: newRunId(), logger: silentLogger });
    let released = 0;
    const runId = newRunId();
    try {
      const cluster = await startExternalCluster({
        provider: "k3s",
        runId,
        logger: silentLogger,
        kubeconfig: await readFile(local.kubeconfigPath, "utf8"),
        release: async () => void released++,
        healthIntervalMs: 200,
      });
      expect(cluster.serverVersion).toBe(local.serverVersion);
      await local.component("kube-apiserver").kill("SIGKILL");
      const failure = await cluster.failed;
      expect(failure.message).toMatch(/the k3s cluster's API server stopped answering \(3 failed \/livez checks/);
      await cluster.stop();
      await cluster.stop();
      expect(released).toBe(1);
      expect(await findRunProcesses(runId)).toEqual([]);
      expect(await runDirsOf(runId)).toEqual([]);
    } finally {
      await local.stop();
    }
  }, 120_000);
});
