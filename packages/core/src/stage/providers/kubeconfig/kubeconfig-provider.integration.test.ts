/**
 * The kubeconfig provider against a real cluster: a local cluster stands in for "an existing
 * cluster" (its kubeconfig is all the provider sees). Proves the safety catch, that a controller
 * in the run's own sandbox reaches that API server at its own address with TLS verified, and the
 * whole staged gate through `kubegate gate --stage kubeconfig`.
 */
import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../../cli/run-cli.js";
import { silentLogger } from "../../../log/logger.js";
import { RawKubeClient } from "../../apply/raw-client.js";
import { StagingError, type StagingCluster } from "../../cluster/cluster-provider.js";
import { newRunId } from "../../cluster/run-id.js";
import { findRunProcesses } from "../../sandbox/find-run-processes.js";
import { ensureTool } from "../../tools/build-tool.js";
import { LocalProvider } from "../local/local-provider.js";
import { KubeconfigProvider } from "./kubeconfig-provider.js";
import { THROWAWAY_LABEL } from "./throwaway-marker.js";

const examples = resolve(import.meta.dirname, "../../../../../../examples");
let existing: Awaited<ReturnType<LocalProvider["create"]>> | undefined;

beforeAll(async () => {
  for (const tool of ["etcd", "kube-apiserver", "traefik-v3"] as const) await ensureTool(tool);
  existing = await new LocalProvider().create({ runId: newRunId(), logger: silentLogger });
  // An existing cluster has long finished starting: its bootstrap RBAC roles are there.
  await existing.whenSettled();
}, 60 * 60_000);

afterAll(async () => {
  await existing?.stop();
});

async function label(value: string | null): Promise<void> {
  const { KubeConfig } = await import("@kubernetes/client-node");
  const kc = new KubeConfig();
  kc.loadFromFile(existing!.kubeconfigPath);
  const client = new RawKubeClient(kc);
  try {
    const patch = JSON.stringify({ metadata: { labels: { [THROWAWAY_LABEL]: value } } });
    const answer = await client.request("PATCH", "/api/v1/namespaces/default", patch, "application/merge-patch+json");
    expect(answer.status).toBe(200);
  } finally {
    client.close();
  }
}

async function runDirsOf(runId: string): Promise<string[]> {
  return (await readdir(tmpdir())).filter((e) => e.includes(runId));
}

describe("kubeconfig provider (a local cluster playing the existing one)", () => {
  it("refuses a cluster without the throwaway marker, and says how to mark it", async () => {
    const provider = new KubeconfigProvider({ path: existing!.kubeconfigPath });
    expect(await provider.isAvailable()).toEqual({ available: true });
    const runId = newRunId();
    const error = await provider.create({ runId, logger: silentLogger }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StagingError);
    expect((error as Error).message).toMatch(/refusing to stage .* does not carry the kubegate\.dev\/throwaway marker/);
    expect((error as Error).message).toContain("label namespace default kubegate.dev/throwaway=true");
    expect(await runDirsOf(runId)).toEqual([]);
  });

  it("names a missing kubeconfig and an unknown context", async () => {
    expect(await new KubeconfigProvider({ path: "/nonexistent/kubeconfig" }).isAvailable()).toEqual({ available: false, reason: expect.stringMatching(/no kubeconfig at \/nonexistent\/kubeconfig/) });
    const error = await new KubeconfigProvider({ path: existing!.kubeconfigPath, context: "prod" }).create({ runId: newRunId(), logger: silentLogger }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/context "prod" not found/);
  });

  it("with the marker: a process in the run's sandbox reaches the API server at its own address, TLS verified, with a ServiceAccount token", async () => {
    await label("true");
    const runId = newRunId();
    const cluster = await new KubeconfigProvider({ path: existing!.kubeconfigPath }).create({ runId, logger: silentLogger });
    try {
      expect(cluster.provider).toBe("kubeconfig");
      expect(cluster.serverVersion).toBe(existing!.serverVersion);
      expect(cluster.inside.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const access = await cluster.controllerAccess({ namespace: "kubegate-test", serviceAccount: "probe" });
      // What Traefik does with endpoint + token + CA, done by node inside the sandbox.
      const script = `
        const https = require("https"), fs = require("fs");
        https.get(process.argv[1] + "/version", { ca: fs.readFileSync(process.argv[2]), headers: { authorization: "Bearer " + fs.readFileSync(process.argv[3], "utf8") } }, (res) => {
          let body = ""; res.on("data", (d) => body += d); res.on("end", () => console.log(res.statusCode + " " + JSON.parse(body).gitVersion));
        }).on("error", (e) => console.log("error " + e.message));`;
      const probe = await cluster.sandbox.spawn({ name: "probe", command: process.execPath, args: ["-e", script, access.server, access.caPath, access.tokenPath] });
      await probe.exited;
      expect(probe.logs()).toBe(`200 ${existing!.serverVersion}`);
    } finally {
      await cluster.stop();
    }
    expect(await findRunProcesses(runId)).toEqual([]);
    expect(await runDirsOf(runId)).toEqual([]);
    // The existing cluster is untouched by the teardown.
    expect((await existing!.collectLogs())["kube-apiserver"]).toBeTruthy();
  }, 120_000);

  it("runs the staged gate on it: `kubegate gate --stage kubeconfig` passes an ordinary change", async () => {
    await label("true");
    let stdout = "";
    let stderr = "";
    const dir = join(examples, "benign/new-host");
    const code = await runCli(["gate", "--base", join(dir, "base"), "--head", join(dir, "head"), "--stage", "kubeconfig", "--kubeconfig", existing!.kubeconfigPath, "--format", "json"], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) },
      env: {},
      cwd: dir,
    });
    expect(code, stderr).toBe(0);
    const report = JSON.parse(stdout) as { decision: string; smoke: { cluster: { provider: string }; routes: Array<{ host: string; afterRestart: { ok: boolean } | null }> } };
    expect(report.decision).toBe("pass");
    expect(report.smoke.cluster.provider).toBe("kubeconfig");
    const shop = report.smoke.routes.find((r) => r.host === "shop.example.com");
    expect(shop?.afterRestart?.ok).toBe(true);
  }, 240_000);

  it("without the marker, `--i-know-this-is-not-production` is the only way in; other stages reject the kubeconfig flags", async () => {
    await label(null);
    const io = (sink: { out: string }) => ({ stdout: { write: (s: string) => (sink.out += s) }, stderr: { write: (s: string) => (sink.out += s) }, env: {}, cwd: examples });
    const dir = join(examples, "benign/new-host");
    const refused = { out: "" };
    expect(await runCli(["gate", "--base", join(dir, "base"), "--head", join(dir, "head"), "--stage", "kubeconfig", "--kubeconfig", existing!.kubeconfigPath], io(refused))).toBe(3);
    expect(refused.out).toContain("does not carry the kubegate.dev/throwaway marker");
    const usage = { out: "" };
    expect(await runCli(["gate", "--base", join(dir, "base"), "--head", join(dir, "head"), "--stage", "local", "--kubeconfig", existing!.kubeconfigPath], io(usage))).toBe(2);
    expect(usage.out).toContain("--kubeconfig needs --stage kubeconfig");
  }, 60_000);
});
