/**
 * A real kind cluster. Runs where a rootful Docker engine answers (the staging-providers
 * workflow: one job with the kind CLI installed, one without, so both paths run); elsewhere each
 * test is skipped with isAvailable()'s reason, which the reporter shows.
 */
import { readFile } from "node:fs/promises";
import { KubeConfig, VersionApi } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import type { Logger } from "../../../log/logger.js";
import { checkEndpointsKept } from "../common/docker/endpoints-check.js";
import { testRunId, whyProviderCannotStart } from "../common/docker/provider-test-support.js";
import { listContainers } from "../common/docker/run-containers.js";
import { findKind } from "./kind-cli.js";
import { KIND_NODE_KUBERNETES_VERSION } from "./kind-image.js";
import { KindProvider } from "./kind-provider.js";

const lines: string[] = [];
const logger: Logger = { info: (m) => lines.push(m), warn: (m) => lines.push(`warning: ${m}`), debug: () => {} };
const whyNotHere = (): Promise<string | undefined> => whyProviderCannotStart(new KindProvider());
const runId = (what: string): string => testRunId("kind", what);

describe("kind provider (real cluster on Docker)", () => {
  const provider = new KindProvider();

  it("starts a cluster whose controller manager leaves Endpoints alone, stops without leftovers", async (ctx) => {
    const why = await whyNotHere();
    if (why) ctx.skip(why);
    const kind = await findKind();
    const id = runId("start");
    const t0 = Date.now();
    const cluster = await provider.create({ runId: id, logger });
    const readyMs = Date.now() - t0;
    try {
      expect(cluster.provider).toBe("kind");
      const kc = new KubeConfig();
      kc.loadFromFile(cluster.kubeconfigPath);
      const version = (await kc.makeApiClient(VersionApi).getCode()).gitVersion;
      expect(version).toBe(cluster.serverVersion);
      if (!kind) expect(version).toBe(KIND_NODE_KUBERNETES_VERSION);
      expect(kc.getCurrentCluster()?.server).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);

      const check = await checkEndpointsKept(await readFile(cluster.kubeconfigPath, "utf8"));
      expect(check, "kube-controller-manager rewrote hand-written Endpoints: the endpoint controllers are running").toEqual({
        kept: true,
        addresses: ["10.123.0.7"],
        controllerSlices: [],
      });
    } finally {
      const t1 = Date.now();
      await cluster.stop();
      await cluster.stop(); // idempotent
      console.log(`kind cluster (${kind ? `kind CLI ${kind}` : "testcontainers"}): ready in ${readyMs} ms, torn down in ${Date.now() - t1} ms`);
    }
    expect(await listContainers(`dev.kubegate.run-id=${id}`)).toEqual([]);
    expect(await listContainers(`io.x-k8s.kind.cluster=kubegate-${id}`)).toEqual([]);
  }, 15 * 60_000);

  it("an aborted start leaves nothing behind", async (ctx) => {
    const why = await whyNotHere();
    if (why) ctx.skip(why);
    const id = runId("abort");
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("test abort")), 3_000).unref();
    await expect(provider.create({ runId: id, logger, signal: controller.signal })).rejects.toThrow();
    expect(await listContainers(`dev.kubegate.run-id=${id}`)).toEqual([]);
    expect(await listContainers(`io.x-k8s.kind.cluster=kubegate-${id}`)).toEqual([]);
  }, 5 * 60_000);
});
