/**
 * The staged gate end to end on the repository's examples, with real etcd, kube-apiserver and
 * Traefik processes: an ordinary change passes; incident 000 (Traefik 2.4) keeps working until the
 * controller restarts and then 404s every route, while on Traefik 3.6 only the malformed route
 * fails; incident 004 serves the wrong certificate at head.
 * Builds the tools from Go modules on first use (minutes); never skips.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseConfig } from "../config/load-config.js";
import type { Logger } from "../log/logger.js";
import { findRunProcesses } from "../stage/sandbox/find-run-processes.js";
import { ensureTool } from "../stage/tools/build-tool.js";
import { runCli } from "../cli/run-cli.js";
import { gate, type GateResult } from "./gate.js";

const examples = resolve(import.meta.dirname, "../../../../examples");
const quiet: Logger = { info() {}, warn() {}, debug() {} };

async function stagedGate(dir: string, extraConfig = ""): Promise<GateResult> {
  const configFile = join(dir, "kubegate.yaml");
  const text = (existsSync(configFile) ? (await import("node:fs")).readFileSync(configFile, "utf8") : "") + extraConfig;
  const config = parseConfig(text || "{}", configFile);
  return gate({ base: [join(dir, "base")], head: [join(dir, "head")] }, { config, stage: "local", logger: quiet, settleMs: 6_000 });
}

type JsonReport = {
  findings: Array<{ rule: string; severity: string; message: string; resource: { kind: string; namespace?: string; name: string } }>;
  smoke: { routes: Array<{ id: string; host: string; base: { ok: boolean } | null; head: { ok: boolean } | null }> };
};

/** `kubegate gate --stage local` on two trees of an example (Helm releases), as JSON. */
async function gateTrees(example: string, base: string, head: string): Promise<{ code: number; report: JsonReport }> {
  let stdout = "";
  const dir = join(examples, example);
  const code = await runCli(["gate", "--base", join(dir, base), "--head", join(dir, head), "--stage", "local", "--format", "json"], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: () => true },
    env: {},
    cwd: examples,
  });
  return { code, report: JSON.parse(stdout) as JsonReport };
}

const route = (r: GateResult, host: string) => r.smoke!.routes.find((x) => x.host === host)!;
const stages = (r: GateResult, host: string) => {
  const x = route(r, host);
  return [x.base?.ok ?? null, x.head?.ok ?? null, x.afterRestart?.ok ?? null];
};

beforeAll(async () => {
  for (const tool of ["etcd", "kube-apiserver", "traefik-v3", "traefik-v2.4"] as const) await ensureTool(tool);
}, 60 * 60_000);

describe("kubegate gate --stage local", () => {
  it("passes an ordinary change: every route reaches its Service at base, head and after a restart", async () => {
    const checks = `checks:\n  - {name: blog health, host: blog.example.com, path: /healthz, status: 200, service: apps/blog}\n  - {name: unknown host, host: nobody.example.com, status: 404}\n`;
    const r = await stagedGate(join(examples, "benign/new-host"), checks);
    expect(r.decision).toBe("pass");
    expect(stages(r, "blog.example.com")).toEqual([true, true, true]);
    expect(r.smoke!.routes.filter((x) => x.id.startsWith("check ")).map((x) => [x.id, x.afterRestart?.ok])).toEqual([['check "blog health"', true], ['check "unknown host"', true]]);
    expect(stages(r, "shop.example.com")).toEqual([true, true, true]);
    expect(stages(r, "docs.example.com")).toEqual([null, true, true]);
    expect(route(r, "shop.example.com").head!.certificate).toMatchObject({ coversHost: true, trusted: true });
    expect(await findRunProcesses(r.smoke!.cluster.runId)).toEqual([]);
  }, 180_000);

  it("probes a wildcard host as a concrete name under it", async () => {
    const r = await stagedGate(join(examples, "benign/wildcard-host"));
    expect(r.decision).toBe("pass");
    const previews = route(r, "*.preview.example.com");
    expect(previews.requestHost).toBe("kubegate-probe.preview.example.com");
    expect(stages(r, "*.preview.example.com")).toEqual([null, true, true]);
    expect(previews.afterRestart!.reached).toMatchObject({ namespace: "apps", service: "previews" });
  }, 180_000);

  it("stages the Gateway API: CRDs and GatewayClass stood in, HTTPRoutes probed on the entrypoint of their listener port", async () => {
    const r = await stagedGate(join(examples, "benign/gateway-api"));
    expect(r.decision).toBe("pass");
    expect(stages(r, "shop.example.com")).toEqual([true, true, true]);
    const api = r.smoke!.routes.find((x) => x.source.name === "api")!;
    expect(api).toMatchObject({ path: "/api/v0/", entrypoint: "web" });
    expect([api.base, api.head?.ok, api.afterRestart?.ok]).toEqual([null, true, true]);
    expect(api.head!.reached).toMatchObject({ namespace: "apps", service: "api" });
    expect(r.smoke!.notes.join("\n")).toMatch(/staging installs the standard channel of sigs\.k8s\.io\/gateway-api v1\.4\.0/);
    expect(r.smoke!.notes.join("\n")).toContain("GatewayClasses named by Gateways but not declared, created for the staged Traefik (traefik.io/gateway-controller): traefik");
  }, 180_000);

  it("replays incident 000: Traefik 2.4 keeps routing until it restarts, then every route 404s", async () => {
    const r = await stagedGate(join(examples, "incidents/000_7375ecc9ae900139"));
    expect(r.decision).toBe("block");
    expect(r.smoke!.cluster.controller!.version).toMatch(/^2\.4\./);
    expect(stages(r, "shop.example.com")).toEqual([true, true, false]);
    expect(stages(r, "blog.example.com")).toEqual([true, true, false]);
    const regressed = r.findings.filter((f) => f.rule === "smoke-route-regressed");
    expect(regressed.map((f) => f.resource.name).sort()).toEqual(["blog", "shop"]);
    expect(regressed[0]!.message).toContain("worked at base, fails after the ingress controller restarted");
    expect(r.smoke!.logs!.controller).toContain("readUint32");
    expect(await findRunProcesses(r.smoke!.cluster.runId)).toEqual([]);
  }, 240_000);

  it("replays incident 000 on Traefik 3.6: the CRD schema lets the port through, Traefik skips only that route", async () => {
    const r = await stagedGate(join(examples, "incidents/000_7375ecc9ae900139/traefik-v3.6"));
    expect(r.decision).toBe("block");
    expect(r.smoke!.cluster.controller!.version).toMatch(/^3\.6\./);
    // The API server accepts "8080s" (int-or-string in the v3.6 CRD): nothing is rejected.
    expect(r.findings.filter((f) => f.rule === "smoke-apply-rejected")).toEqual([]);
    expect(stages(r, "probe.example.com")).toEqual([null, false, false]);
    expect(r.findings.filter((f) => f.rule.startsWith("smoke-")).map((f) => [f.rule, f.resource.name])).toEqual([["smoke-route-broken", "probe"]]);
    const others = r.smoke!.routes.filter((x) => x.host !== "probe.example.com");
    expect(others.map((x) => x.host).sort()).toEqual(["blog.example.com", "shop.example.com"]);
    for (const x of others) expect(stages(r, x.host), x.host).toEqual([true, true, true]);
    expect(r.smoke!.logs!.controller).toContain("service port not found: 8080s");
    expect(await findRunProcesses(r.smoke!.cluster.runId)).toEqual([]);
  }, 240_000);

  it("replays incident 003: the Calico default-deny cuts the controller off at head (NetworkPolicy emulated at the stand-ins)", async () => {
    const r = await stagedGate(join(examples, "incidents/003_ae69f1f5f80854b3"));
    expect(r.decision).toBe("block");
    expect(stages(r, "portal.example.com")).toEqual([true, false, false]);
    const regressed = r.findings.find((f) => f.rule === "smoke-route-regressed")!;
    expect(regressed.message).toContain("worked at base, fails at head: status 502");
    expect(regressed.message).toContain("GlobalNetworkPolicy default-deny denies Deployment ingress/traefik -> portal/portal port 8080 (emulated at the stand-in)");
    expect(r.findings.map((f) => f.rule)).toContain("network-policy-isolates-ingress");
    expect(await findRunProcesses(r.smoke!.cluster.runId)).toEqual([]);
  }, 240_000);

  it("replays incident 004: the certificate served at head does not cover the host", async () => {
    const r = await stagedGate(join(examples, "incidents/004_0bbee5f82e2b96ce"));
    expect(r.decision).toBe("block");
    expect(stages(r, "api-ext.discovery.example.org")).toEqual([true, false, false]);
    const tls = r.findings.find((f) => f.rule === "smoke-tls-mismatch")!;
    expect(tls.severity).toBe("critical");
    expect(tls.message).toMatch(/does not cover api-ext\.discovery\.example\.org/);
  }, 240_000);

  it("replays incident 004 with the sidecar: the pod's certificate at head does not cover api-ext.discovery.wmnet on mw-api-ext:4447", async () => {
    const { code, report } = await gateTrees("incidents/004_0bbee5f82e2b96ce/sidecar", "base", "head");
    expect(code).toBe(1);
    const podTls = report.smoke.routes.filter((r) => r.id.startsWith("Service "));
    expect(podTls.map((r) => [r.host, r.base?.ok, r.head?.ok]).sort()).toEqual([
      ["api-ext.discovery.wmnet", true, false],
      ["mw-api-ext.discovery.wmnet", true, true],
      ["mw-api-int.discovery.wmnet", true, true],
    ]);
    const mismatches = report.findings.filter((f) => f.rule === "smoke-tls-mismatch");
    expect(mismatches).toHaveLength(1);
    expect(mismatches[0]!.resource).toMatchObject({ kind: "Service", namespace: "mw-api-ext", name: "mediawiki-mw-api-ext" });
    expect(mismatches[0]!.message).toContain("certificate for DNS:mw-api-ext.discovery.wmnet does not cover api-ext.discovery.wmnet");
    expect(report.findings.some((f) => f.rule === "tls-coverage-lost" && f.severity === "critical")).toBe(true);
  }, 240_000);

  it("does not block the sidecar replay undone, staged: every name base served is still served", async () => {
    const { code, report } = await gateTrees("fixes/incident-004-sidecar-reverted", "base", "head");
    expect(report.findings.filter((f) => f.rule.startsWith("smoke-"))).toEqual([]);
    expect(code).toBe(0);
    const podTls = report.smoke.routes.filter((r) => r.id.startsWith("Service "));
    expect(podTls.map((r) => [r.host, r.head?.ok]).sort()).toEqual([["mw-api-ext.discovery.wmnet", true], ["mw-api-int.discovery.wmnet", true]]);
  }, 240_000);

  it("stages Helm renders: a shared-defaults change serves the wrong certificate for mw-api-ext only", async () => {
    let stdout = "";
    const code = await runCli(["gate", "--base", join(examples, "helm-global-defaults/base"), "--head", join(examples, "helm-global-defaults/head"), "--stage", "local", "--format", "json"], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => true },
      env: {},
      cwd: examples,
    });
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { findings: Array<{ rule: string; resource: { namespace?: string } }>; smoke: { routes: Array<{ host: string; head: { ok: boolean } | null }> } };
    const failing = report.smoke.routes.filter((r) => r.head && !r.head.ok).map((r) => r.host).sort();
    expect(failing).toEqual(["api-ro.discovery.wmnet", "mw-api-ext.discovery.wmnet"]);
    expect(report.findings.filter((f) => f.rule === "smoke-tls-mismatch").every((f) => f.resource.namespace === "mw-api-ext")).toBe(true);
  }, 240_000);
});
