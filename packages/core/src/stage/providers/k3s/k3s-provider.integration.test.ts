/**
 * A real k3s cluster. Runs where a rootful Docker engine answers (the staging-providers
 * workflow); elsewhere each test is skipped with isAvailable()'s reason, which the reporter shows.
 */
import { readFile } from "node:fs/promises";
import { KubeConfig, VersionApi } from "@kubernetes/client-node";
import { GenericContainer } from "testcontainers";
import { describe, expect, it } from "vitest";
import type { Logger } from "../../../log/logger.js";
import { checkEndpointsKept } from "../common/docker/endpoints-check.js";
import { testRunId, whyProviderCannotStart } from "../common/docker/provider-test-support.js";
import { runLabels } from "../common/docker/labels.js";
import { listContainers } from "../common/docker/run-containers.js";
import { K3S_KUBERNETES_VERSION } from "./k3s-image.js";
import { K3sProvider } from "./k3s-provider.js";

const lines: string[] = [];
const logger: Logger = { info: (m) => lines.push(m), warn: (m) => lines.push(`warning: ${m}`), debug: () => {} };
const whyNotHere = (): Promise<string | undefined> => whyProviderCannotStart(new K3sProvider());
const runId = (what: string): string => testRunId("k3s", what);

describe("k3s provider (real cluster on Docker)", () => {
  const provider = new K3sProvider();

  it("starts k3s without Traefik or endpoint controllers, stops without leftovers", async (ctx) => {
    const why = await whyNotHere();
    if (why) ctx.skip(why);
    const id = runId("start");
    const t0 = Date.now();
    const cluster = await provider.create({ runId: id, logger });
    const readyMs = Date.now() - t0;
    try {
      expect(cluster.provider).toBe("k3s");
      const kc = new KubeConfig();
      kc.loadFromFile(cluster.kubeconfigPath);
      const version = (await kc.makeApiClient(VersionApi).getCode()).gitVersion;
      expect(version).toBe(cluster.serverVersion);
      expect(version).toBe(K3S_KUBERNETES_VERSION);
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
      console.log(`k3s cluster: ready in ${readyMs} ms, torn down in ${Date.now() - t1} ms`);
    }
    expect(await listContainers(`dev.kubegate.run-id=${id}`)).toEqual([]);
  }, 10 * 60_000);

  it("cleanup(runId) removes a run's leftover container", async (ctx) => {
    const why = await whyNotHere();
    if (why) ctx.skip(why);
    const id = runId("cleanup");
    // A stand-in for a container an interrupted run left: kubegate's labels, nothing else.
    const leftover = await new GenericContainer("busybox:1.37")
      .withName(`kubegate-${id}-k3s`)
      .withLabels(runLabels(id, "k3s"))
      .withCommand(["sleep", "600"])
      .start();
    expect(await provider.cleanup(id)).toEqual([`container kubegate-${id}-k3s`]);
    expect(await listContainers(`dev.kubegate.run-id=${id}`)).toEqual([]);
    await leftover.stop().catch(() => undefined);
  }, 5 * 60_000);
});
