/**
 * The pod-TLS part of the staged gate in a real sandbox, without an ingress controller: the
 * incident 004 sidecar replay's stand-ins serve each side's certificate and every name base's
 * certificate covered is probed with SNI (the whole gate runs it in gate.integration.test.ts).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { expect, it } from "vitest";
import { buildSides } from "../check/build-sides.js";
import { loadAndRender, platformTree } from "../helm/check-releases.js";
import { silentLogger } from "../log/logger.js";
import { createSandbox } from "../stage/sandbox/create-sandbox.js";
import { planStandins } from "../stage/standins/plan.js";
import { startStandins } from "../stage/standins/start-standins.js";
import { createCertificateAuthority } from "../stage/tls/certificate-authority.js";
import { podTlsServices, podTlsStage } from "./pod-tls-probes.js";
import { smokeFindings } from "./smoke-findings.js";
import type { SmokeRouteResult } from "./smoke-route.js";
import { unionSet } from "./union-set.js";

const examples = resolve(import.meta.dirname, "../../../../examples");

async function stagePodTls(dir: string): Promise<{ results: SmokeRouteResult[]; notes: string[] }> {
  const side = async (n: string) => ({ paths: [], releases: (await platformTree(join(dir, n), dir, n)).releases! });
  const rendered = await loadAndRender(await side("base"), await side("head"), {});
  const { base, head } = buildSides(rendered.base, rendered.head, {});
  const plan = planStandins(unionSet(base, head), undefined, undefined, podTlsServices(base, head));
  const sandbox = await createSandbox({ runId: `test-podtls-${process.pid}-${Date.now().toString(36)}`, logger: silentLogger });
  const runDir = await mkdtemp(join(tmpdir(), "podtls-"));
  const standins = await startStandins({ sandbox, dir: runDir, kubeconfigPath: "/nonexistent" }, plan, { logger: silentLogger, writeEndpoints: false });
  const ca = await createCertificateAuthority({ name: "tmp" });
  const results = new Map<string, SmokeRouteResult>();
  const notes: string[] = [];
  const ctx = { plan, ca, sandbox, standins, results, notes, retryForMs: 2000 };
  try {
    await podTlsStage("base", base, base, ctx);
    await podTlsStage("head", head, base, ctx);
  } finally {
    await standins.stop();
    await sandbox.dispose();
    await rm(runDir, { recursive: true, force: true });
  }
  return { results: [...results.values()], notes };
}

it("the sidecar replay: api-ext.discovery.wmnet worked at base and fails at head on mw-api-ext:4447", async () => {
  const { results, notes } = await stagePodTls(join(examples, "incidents/004_0bbee5f82e2b96ce/sidecar"));
  expect(notes).toContain("at head: the stand-in of Service mw-api-ext/mediawiki-mw-api-ext port 4447 serves a certificate from the run's CA for exactly the names of Secret mw-api-ext/mediawiki-mw-api-ext-tls-proxy-certs from cert-manager Certificate mw-api-ext/mediawiki-mw-api-ext-tls-proxy-certs (ClusterIssuer/discovery) (mw-api-ext.discovery.wmnet)");
  expect(results.map((r) => [r.host, r.base?.ok, r.head?.ok]).sort()).toEqual([
    ["api-ext.discovery.wmnet", true, false],
    ["mw-api-ext.discovery.wmnet", true, true],
    ["mw-api-int.discovery.wmnet", true, true],
  ]);
  const { findings } = smokeFindings({ routes: results, rejected: [], unstaged: [] });
  expect(findings.map((f) => [f.rule, f.severity, f.resource.name])).toEqual([["smoke-tls-mismatch", "critical", "mediawiki-mw-api-ext"]]);
  expect(findings[0]!.message).toBe("https://api-ext.discovery.wmnet/ (Service port 4447, TLS ended in the pod): worked at base, fails at head: certificate for DNS:mw-api-ext.discovery.wmnet does not cover api-ext.discovery.wmnet");
}, 300_000);

it("the sidecar replay undone: every name base served is served at head", async () => {
  const { results } = await stagePodTls(join(examples, "fixes/incident-004-sidecar-reverted"));
  expect(results.map((r) => [r.host, r.head?.ok]).sort()).toEqual([["mw-api-ext.discovery.wmnet", true], ["mw-api-int.discovery.wmnet", true]]);
  expect(smokeFindings({ routes: results, rejected: [], unstaged: [] }).findings).toEqual([]);
}, 300_000);
