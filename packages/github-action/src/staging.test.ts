/**
 * run() with `stage`: inputs reach core's stageCheck (provider name included), the tools cache is
 * used, staged routes land in the summary, the comment and the outputs, and staging that cannot
 * run fails closed. Core's staging and the tool builds are mocked here; the act end-to-end test
 * (test/e2e) runs the real staged gate.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const inputs = vi.hoisted(() => new Map<string, string>());
vi.mock("@actions/core", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@actions/core")>();
  return {
    ...actual,
    getInput: vi.fn((name: string) => inputs.get(name) ?? ""),
    setOutput: vi.fn(),
    setFailed: vi.fn(),
    error: vi.fn(),
    warning: vi.fn(),
    notice: vi.fn(),
    info: vi.fn(),
    debug: vi.fn(),
    saveState: vi.fn(),
    getState: vi.fn(() => ""),
    group: vi.fn((_name: string, fn: () => Promise<unknown>) => fn()),
  };
});
const github = vi.hoisted(() => ({
  context: { eventName: "pull_request", payload: {} as Record<string, unknown>, repo: { owner: "acme", repo: "platform" } },
  getOctokit: vi.fn(),
}));
vi.mock("@actions/github", () => github);
vi.mock("@actions/cache", () => ({
  isFeatureAvailable: vi.fn(() => false),
  restoreCache: vi.fn(async () => undefined),
  saveCache: vi.fn(async () => 1),
}));
vi.mock("@kubegate/core", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@kubegate/core")>()),
  stageCheck: vi.fn(),
}));
vi.mock("@kubegate/core/tools", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@kubegate/core/tools")>()),
  ensureTools: vi.fn(async () => ({})),
}));

import * as cache from "@actions/cache";
import * as core from "@actions/core";
import { decide, failureText, stageCheck, type GateResult } from "@kubegate/core";
import { ensureTools, toolPath } from "@kubegate/core/tools";
import { fakeOctokit, prPayload } from "../test/fake-octokit.js";
import { BENIGN, REPO_ROOT, summaryFile, tempDir } from "../test/helpers.js";
import { run } from "./main.js";
import { STAGE_TOOLS, toolsPlan } from "./tools-cache.js";

const INCIDENT_004 = "examples/incidents/004_0bbee5f82e2b96ce";
const summary = summaryFile();
let octokit: ReturnType<typeof fakeOctokit>;

function given(values: Record<string, string>): void {
  inputs.clear();
  for (const [k, v] of Object.entries({ "github-token": "t0ken", comment: "true", sarif: "false", ...values })) inputs.set(k, v);
}
const outputs = (): Record<string, string> => Object.fromEntries(vi.mocked(core.setOutput).mock.calls.map(([k, v]) => [k, String(v)]));

function installTools(names: readonly string[]): void {
  for (const name of names) {
    const path = toolPath(name as Parameters<typeof toolPath>[0]);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, "#!/bin/sh\n");
    chmodSync(path, 0o755);
  }
}

/** What core's staging returns for incident 004: the head serves a certificate that does not cover the host. */
function staged004(input: GateResult): GateResult {
  const smokeFinding = {
    rule: "smoke-tls-mismatch",
    severity: "critical" as const,
    resource: { apiVersion: "traefik.io/v1alpha1", kind: "IngressRoute", namespace: "mw-api-ext", name: "mw-api-ext" },
    message: "the certificate served for api-ext.discovery.example.org at head does not cover it",
  };
  const outcome = (ok: boolean) => ({ ok, status: ok ? 200 : undefined, attempts: 1, elapsedMs: 5, ...(ok ? {} : { problem: "certificate does not cover api-ext.discovery.example.org" }) });
  const route = (host: string, headOk: boolean) => ({
    id: `IngressRoute mw-api-ext/mw-api-ext ${host}/`,
    source: smokeFinding.resource,
    host,
    path: "/",
    tls: true,
    entrypoint: "websecure",
    expected: { namespace: "mw-api-ext", service: "mw-api-ext" },
    base: outcome(true),
    head: outcome(headOk),
    afterRestart: outcome(headOk),
  });
  const decision = decide([...input.findings, smokeFinding as never], {}, input.failures.map(failureText));
  return {
    ...input,
    ...decision,
    smoke: {
      routes: [route("api-ext.discovery.example.org", false), route("api.example.org", true)] as never,
      cluster: { provider: "local", runId: "kg-test", serverVersion: "v1.34.10" },
      timings: {},
      notes: [],
      unstaged: [],
      failures: [],
      findings: [smokeFinding as never],
    },
  };
}

beforeEach(() => {
  vi.clearAllMocks();
  const dir = tempDir();
  mkdirSync(join(dir, "runner-temp"));
  summary.reset();
  vi.stubEnv("GITHUB_WORKSPACE", REPO_ROOT);
  vi.stubEnv("RUNNER_TEMP", join(dir, "runner-temp"));
  vi.stubEnv("GITHUB_STEP_SUMMARY", summary.path);
  vi.stubEnv("KUBEGATE_TOOLS_DIR", join(dir, "tools"));
  vi.stubEnv("KUBEGATE_GO", join(dir, "no-go")); // no Go unless a test provides one
  github.context.eventName = "pull_request";
  github.context.payload = prPayload();
  octokit = fakeOctokit();
  github.getOctokit.mockImplementation(() => octokit.client);
  vi.mocked(cache.isFeatureAvailable).mockReturnValue(false);
  vi.mocked(stageCheck).mockImplementation(async (result) => staged004(result as GateResult));
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("run with stage: local", () => {
  it("stages incident 004 on the static result and reports the routes in summary, comment and outputs", async () => {
    installTools(STAGE_TOOLS.local);
    given({ base: `${INCIDENT_004}/base`, head: `${INCIDENT_004}/head`, stage: "local" });
    await run();
    expect(stageCheck).toHaveBeenCalledTimes(1);
    const [staticResult, options] = vi.mocked(stageCheck).mock.calls[0]!;
    expect(staticResult.head.manifests.length).toBeGreaterThan(0);
    expect(options).toMatchObject({ stage: "local", config: {}, signal: expect.any(AbortSignal) });
    expect(vi.mocked(core.setFailed).mock.calls[0]![0]).toMatch(/^kubegate blocked this change: .*smoke-tls-mismatch/);
    expect(outputs()).toMatchObject({ decision: "block", "tools-cache-key": toolsPlan("local").key, "staged-routes": "2", "failed-routes": "1" });
    const written = summary.read();
    expect(written).toContain("`smoke-tls-mismatch`");
    expect(written).toContain("### Staged routes");
    expect(written).toContain("`api-ext.discovery.example.org/` 🔒");
    expect(written).toMatch(/Staging tools \(cache key `kubegate-tools-[^`]+`\): present: .*already in/);
    expect(octokit.created[0]).toContain("### Staged routes");
    expect(octokit.created[0]).not.toContain("Staging tools"); // the cache line is for the job summary only
    // Progress goes to a folded group.
    expect(core.group).toHaveBeenCalledWith("kubegate: staged smoke test (stage: local)", expect.any(Function));
  });

  it("fails closed as a staging error when the tools are neither cached nor buildable", async () => {
    given({ base: `${BENIGN}/base`, head: `${BENIGN}/head`, stage: "local" });
    await run();
    expect(stageCheck).not.toHaveBeenCalled();
    expect(vi.mocked(core.setFailed).mock.calls[0]![0]).toMatch(/^kubegate: staging error: stage: local needs etcd, kube-apiserver, traefik-v3, traefik-v2 .*Actions cache service is not available .*actions\/setup-go/);
    expect(outputs()).toMatchObject({ decision: "error", "tools-cache-key": toolsPlan("local").key });
    expect(summary.read()).toContain("kubegate: **ERROR**");
    expect(octokit.created[0]).toContain("staging error"); // no stale PASS comment
  });

  it("restores the tools from the cache and stages (the provider's tools only are missing)", async () => {
    vi.mocked(cache.isFeatureAvailable).mockReturnValue(true);
    vi.mocked(cache.restoreCache).mockImplementation(async (_paths, key) => {
      installTools(STAGE_TOOLS.local);
      return key;
    });
    given({ base: `${BENIGN}/base`, head: `${BENIGN}/head`, stage: "local" });
    await run();
    expect(cache.restoreCache).toHaveBeenCalledWith(toolsPlan("local").paths, toolsPlan("local").key);
    expect(ensureTools).not.toHaveBeenCalled();
    expect(stageCheck).toHaveBeenCalledTimes(1);
    expect(summary.read()).toMatch(/Staging tools \(cache key `[^`]+`\): hit: restored etcd-v/);
  });

  it("a staging failure in core is the decision error, with the components' logs in the summary", async () => {
    installTools(STAGE_TOOLS.local);
    vi.mocked(stageCheck).mockImplementation(async (result) => {
      const decision = decide(result.findings, {}, [...result.failures.map(failureText), "staging failed: kube-apiserver exited with code 1"]);
      return { ...(result as GateResult), ...decision, stagingLogs: { "kube-apiserver": "E0101 listen tcp: address already in use" } };
    });
    given({ base: `${BENIGN}/base`, head: `${BENIGN}/head`, stage: "local" });
    await run();
    expect(outputs()["decision"]).toBe("error");
    expect(vi.mocked(core.setFailed).mock.calls[0]![0]).toMatch(/^kubegate could not finish the check \(failing closed\): .*staging failed: kube-apiserver exited/);
    const written = summary.read();
    expect(written).toContain("<details><summary>Last log lines of kube-apiserver</summary>");
    expect(written).toContain("address already in use");
    expect(octokit.created[0]).not.toContain("Last log lines"); // logs stay out of the PR comment
  });
});

describe("run with stage: kind / k3s", () => {
  it.each(["kind", "k3s"] as const)("passes the provider name %s to core's staging", async (stage) => {
    installTools(STAGE_TOOLS[stage]);
    given({ base: `${BENIGN}/base`, head: `${BENIGN}/head`, stage });
    await run();
    expect(vi.mocked(stageCheck).mock.calls[0]![1]).toMatchObject({ stage });
    expect(core.group).toHaveBeenCalledWith(`kubegate: staged smoke test (stage: ${stage})`, expect.any(Function));
    expect(outputs()["tools-cache-key"]).toBe(toolsPlan(stage).key);
  });
});

describe("run with stage: off", () => {
  it("neither stages nor touches the tools cache", async () => {
    given({ base: `${BENIGN}/base`, head: `${BENIGN}/head` });
    await run();
    expect(stageCheck).not.toHaveBeenCalled();
    expect(cache.isFeatureAvailable).not.toHaveBeenCalled();
    expect(outputs()).not.toHaveProperty("tools-cache-key");
    expect(outputs()).not.toHaveProperty("staged-routes");
    expect(outputs()["decision"]).toBe("pass");
  });
});
