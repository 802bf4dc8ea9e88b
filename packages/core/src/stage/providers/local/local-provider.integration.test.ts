/**
 * A real local cluster: etcd + kube-apiserver built from Go modules (stage/tools), inside a
 * sandbox. If the binaries are missing and cannot be built, beforeAll fails with the builder's
 * message: this test never skips silently.
 */
import { readFile, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import {
  ApiextensionsV1Api,
  AuthenticationV1Api,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  VersionApi,
  loadAllYaml,
  type KubernetesObject,
  type V1CustomResourceDefinition,
} from "@kubernetes/client-node";
import { beforeAll, describe, expect, it } from "vitest";
import type { Logger } from "../../../log/logger.js";
import { StagingError } from "../../cluster/cluster-provider.js";
import { createSandbox } from "../../sandbox/create-sandbox.js";
import { findRunProcesses } from "../../sandbox/find-run-processes.js";
import { ensureTool } from "../../tools/build-tool.js";
import { traefikCrdsDir } from "../../tools/traefik-crds.js";
import type { LocalStartedCluster } from "./local-cluster.js";
import { LocalProvider } from "./local-provider.js";
import { createRunDir, runDirPath } from "../common/run-dir.js";

const lines: string[] = [];
const logger: Logger = { info: (m) => lines.push(m), warn: (m) => lines.push(`warning: ${m}`), debug: () => {} };
const runId = (what: string): string => `test-${what}-${process.pid}-${Date.now().toString(36)}`;

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function expectNoLeftovers(cluster: LocalStartedCluster): Promise<void> {
  expect(await findRunProcesses(cluster.runId)).toEqual([]);
  expect(await exists(`/proc/${cluster.sandbox.pid}`)).toBe(false);
  expect(await exists(cluster.dir)).toBe(false);
}

/**
 * client-node's loadAllYaml, not plain js-yaml: KubernetesObjectApi serializes through its typed
 * models, which silently drop keys not spelled the model's way (a raw `x-kubernetes-int-or-string`
 * vanishes and the API server rejects the CRD). Deserializing first maps them onto the models.
 */
async function loadCrds(): Promise<KubernetesObject[]> {
  const docs: KubernetesObject[] = [];
  const dir = await traefikCrdsDir("v3.6.15");
  for (const file of (await readdir(dir)).filter((f) => f.endsWith(".yaml")).sort()) {
    for (const doc of loadAllYaml(await readFile(join(dir, file), "utf8")) as unknown[]) {
      if (doc && typeof doc === "object") docs.push(doc as KubernetesObject);
    }
  }
  return docs;
}

const established = (crd: V1CustomResourceDefinition): boolean =>
  (crd.status?.conditions ?? []).some((c) => c.type === "Established" && c.status === "True");

beforeAll(async () => {
  // Builds on first use (minutes); waits if another process is building the same tool.
  await ensureTool("etcd", { log: (l) => lines.push(l) });
  await ensureTool("kube-apiserver", { log: (l) => lines.push(l) });
}, 30 * 60_000);

describe("local provider (real etcd + kube-apiserver)", () => {
  const provider = new LocalProvider();

  it("is available on this machine", async () => {
    expect(await provider.isAvailable()).toEqual({ available: true });
  });

  it("starts a cluster, applies and establishes the Traefik CRDs, gives a controller a token, stops without leftovers", async () => {
    const t0 = Date.now();
    const cluster = await provider.create({ runId: runId("crds"), logger });
    const readyMs = Date.now() - t0;
    try {
      expect(cluster.serverVersion).toBe("v1.37.2"); // the newest built (npm test builds 1.37 and 1.34)
      const kc = new KubeConfig();
      kc.loadFromFile(cluster.kubeconfigPath);
      expect((await kc.makeApiClient(VersionApi).getCode()).gitVersion).toBe("v1.37.2");

      // Server-side apply, as staging applies users' manifests.
      const crds = await loadCrds();
      expect(crds.length).toBe(10);
      const objects = KubernetesObjectApi.makeApiClient(kc);
      for (const crd of crds) await objects.patch(crd, undefined, undefined, "kubegate-test", true, PatchStrategy.ServerSideApply);
      const ext = kc.makeApiClient(ApiextensionsV1Api);
      const names = await waitFor(
        "the Traefik CRDs to be Established",
        async () => {
          const list = (await ext.listCustomResourceDefinition()).items.filter((c) => c.spec.group === "traefik.io");
          return list.length === 10 && list.every(established) ? list.map((c) => c.metadata?.name ?? "").sort() : undefined;
        },
        30_000,
      );
      expect(names).toContain("ingressroutes.traefik.io");
      expect(names).toContain("middlewares.traefik.io");
      expect(names).toContain("tlsoptions.traefik.io");

      // A controller's credentials: a ServiceAccount token, usable from inside the sandbox.
      const access = await cluster.controllerAccess({ namespace: "traefik", serviceAccount: "traefik" });
      expect(access.server).toBe("https://127.0.0.1:6443");
      const asController = new KubeConfig();
      asController.loadFromFile(cluster.kubeconfigPath);
      asController.users[0] = { name: asController.users[0]!.name, token: access.token };
      const review = await asController.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({ body: { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" } });
      expect(review.status?.userInfo?.username).toBe("system:serviceaccount:traefik:traefik");
      const inside = await cluster.sandbox.spawn({
        name: "probe",
        command: process.execPath,
        args: [
          "-e",
          `const fs = require("fs");
           require("https").get("${access.server}/version", { ca: fs.readFileSync(${JSON.stringify(access.caPath)}), headers: { authorization: "Bearer " + fs.readFileSync(${JSON.stringify(access.tokenPath)}, "utf8") } },
             (res) => { let b = ""; res.on("data", (d) => (b += d)); res.on("end", () => console.log(res.statusCode, JSON.parse(b).gitVersion)); })
             .on("error", (e) => { console.log("error", e.message); process.exit(1); });`,
        ],
      });
      expect(await inside.exited).toEqual({ code: 0, signal: null });
      expect(inside.logs()).toBe("200 v1.37.2");
    } finally {
      const t1 = Date.now();
      await cluster.stop();
      await cluster.stop(); // idempotent
      console.log(`local cluster: ready in ${readyMs} ms, torn down in ${Date.now() - t1} ms`);
    }
    await expectNoLeftovers(cluster);
  }, 240_000);

  it("surfaces a kube-apiserver crash as a StagingError with its last log lines", async () => {
    const cluster = await provider.create({ runId: runId("crash"), logger });
    try {
      const lastLine = cluster.component("kube-apiserver").logs(1);
      expect(lastLine.length).toBeGreaterThan(0);
      await cluster.component("kube-apiserver").kill("SIGKILL");
      const failure = await cluster.failed;
      expect(failure).toBeInstanceOf(StagingError);
      expect(failure.message).toMatch(/^kube-apiserver died during the run \(killed by SIGKILL\); its last log lines:\n/);
      expect(failure.message).toContain(lastLine);
      expect(failure.logs["kube-apiserver"]).toContain(lastLine);
      expect(Object.keys(failure.logs).sort()).toEqual(["etcd", "kube-apiserver"]);
    } finally {
      await cluster.stop();
    }
    await expectNoLeftovers(cluster);
  }, 240_000);

  it("cleanup(runId) removes a run's sandbox and temp dir", async () => {
    const id = runId("cleanup");
    const sandbox = await createSandbox({ runId: id, logger });
    await sandbox.spawn({ name: "sleeper", command: "sleep", args: ["600"] });
    await createRunDir(id, "local");
    expect((await findRunProcesses(id)).length).toBe(3);
    const removed = await provider.cleanup(id);
    expect(removed).toEqual([expect.stringMatching(new RegExp(`^sandbox of run ${id} \\(pid \\d+\\)$`)), runDirPath(id)]);
    await waitFor("the run's processes to disappear", async () => ((await findRunProcesses(id)).length === 0 ? true : undefined), 10_000);
    expect(await exists(runDirPath(id))).toBe(false);
    await sandbox.dispose();
  }, 60_000);
});
