import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const inputs = vi.hoisted(() => new Map<string, string>());
vi.mock("@actions/core", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@actions/core")>();
  return {
    ...actual, // the real core.summary: tests read what run() wrote to GITHUB_STEP_SUMMARY
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
  };
});
const github = vi.hoisted(() => ({
  context: { eventName: "pull_request", payload: {} as Record<string, unknown>, repo: { owner: "acme", repo: "platform" } },
  getOctokit: vi.fn(),
}));
vi.mock("@actions/github", () => github);

import * as core from "@actions/core";
import { check, REPORT_MARKER } from "@kubegate/core";
import { BENIGN, INCIDENT, REPO_ROOT, summaryFile, tempDir } from "../test/helpers.js";
import { fakeOctokit, prPayload } from "../test/fake-octokit.js";
import { run } from "./main.js";

const summary = summaryFile();
let runnerTemp: string;
let octokit: ReturnType<typeof fakeOctokit>;

function given(values: Record<string, string>): void {
  inputs.clear();
  for (const [k, v] of Object.entries({ "github-token": "t0ken", comment: "true", sarif: "false", ...values })) inputs.set(k, v);
}

/** What the library decides on an example: the action must report the same. */
const library = (example: string) => check({ base: [join(REPO_ROOT, example, "base")], head: [join(REPO_ROOT, example, "head")] });

const outputs = (): Record<string, string> => Object.fromEntries(vi.mocked(core.setOutput).mock.calls.map(([k, v]) => [k, String(v)]));

beforeEach(() => {
  vi.clearAllMocks();
  const dir = tempDir();
  runnerTemp = join(dir, "runner-temp");
  mkdirSync(runnerTemp);
  summary.reset();
  vi.stubEnv("GITHUB_WORKSPACE", REPO_ROOT);
  vi.stubEnv("RUNNER_TEMP", runnerTemp);
  vi.stubEnv("GITHUB_STEP_SUMMARY", summary.path);
  github.context.eventName = "pull_request";
  github.context.payload = prPayload();
  octokit = fakeOctokit();
  github.getOctokit.mockImplementation(() => octokit.client);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("run: exit paths", () => {
  it("blocks incident 002: fails the job, annotates, summarizes, comments", async () => {
    given({ base: `${INCIDENT}/base`, head: `${INCIDENT}/head` });
    const expected = await library(INCIDENT);
    await run();
    expect(core.setFailed).toHaveBeenCalledTimes(1);
    expect(vi.mocked(core.setFailed).mock.calls[0]![0]).toMatch(/^kubegate blocked this change: \d+ blocking finding\(s\): .*loadbalancer-recreated/);
    expect(outputs()).toMatchObject({ decision: "block", "findings-count": String(expected.findings.length), "report-path": join(runnerTemp, "kubegate-report.json") });
    expect(JSON.parse(readFileSync(join(runnerTemp, "kubegate-report.json"), "utf8")).decision).toBe("block");
    expect(core.error).toHaveBeenCalledWith(
      expect.stringContaining("Service traefik/traefik-v2"),
      expect.objectContaining({ title: "kubegate loadbalancer-recreated (critical)", file: `${INCIDENT}/head/traefik.yaml`, startLine: 66 }),
    );
    const written = summary.read();
    expect(written).toContain("kubegate: **BLOCK**");
    expect(written).toContain("`loadbalancer-recreated`");
    expect(octokit.created).toHaveLength(1);
    expect(octokit.created[0]!.startsWith(REPORT_MARKER)).toBe(true);
    expect(octokit.created[0]).toContain("`acme-storage-ephemeral`");
    expect(outputs()["comment-url"]).toContain("issuecomment-1000");
  });

  it("passes the benign image bump", async () => {
    given({ base: `${BENIGN}/base`, head: `${BENIGN}/head` });
    await run();
    expect(core.setFailed).not.toHaveBeenCalled();
    expect(core.error).not.toHaveBeenCalled();
    // One unchanged warning: the Ingress's TLS Secret is not in the repository (named, never gating).
    expect(outputs()).toMatchObject({ decision: "pass", "findings-count": "1" });
    expect(summary.read()).toContain("kubegate: **PASS**");
    expect(core.info).toHaveBeenCalledWith("kubegate found no risky change: 1 finding(s) already in base, not gating (the change did not add them; --gate-on everything to gate them)");
  });

  describe("warn", () => {
    /** kubegate.yaml that lowers every rule incident 002 fires to a warning. */
    const config = async (): Promise<string> => {
      const rules = [...new Set((await library(INCIDENT)).findings.map((f) => f.rule))];
      const file = join(tempDir(), "kubegate.yaml");
      writeFileSync(file, ["rules:", ...rules.map((r) => `  ${r}: warning`), ""].join("\n"));
      return file;
    };

    it("passes the job with warnings by default (fail-on: block)", async () => {
      given({ base: `${INCIDENT}/base`, head: `${INCIDENT}/head`, config: await config() });
      await run();
      expect(outputs()["decision"]).toBe("warn");
      expect(core.setFailed).not.toHaveBeenCalled();
      expect(core.warning).toHaveBeenCalledWith(expect.any(String), expect.objectContaining({ file: `${INCIDENT}/head/traefik.yaml`, startLine: 66 }));
      expect(summary.read()).toContain("kubegate: **WARN**");
    });

    it("fails the job with fail-on: warn", async () => {
      given({ base: `${INCIDENT}/base`, head: `${INCIDENT}/head`, config: await config(), "fail-on": "warn" });
      await run();
      expect(core.setFailed).toHaveBeenCalledWith(expect.stringMatching(/^kubegate warns about this change and fail-on is warn: \d+ warning\(s\)/));
    });
  });

  it("fails closed on a broken manifest, annotated at its line, and says so in summary and comment", async () => {
    const head = tempDir();
    writeFileSync(join(head, "broken.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: [\n");
    octokit = fakeOctokit([{ id: 41, body: `${REPORT_MARKER}\n## ✅ kubegate: **PASS**` }]);
    given({ base: `${BENIGN}/base`, head });
    await run();
    expect(outputs()["decision"]).toBe("error");
    expect(core.setFailed).toHaveBeenCalledWith(expect.stringMatching(/^kubegate: bad manifest or config input: .*broken\.yaml/));
    expect(core.error).toHaveBeenCalledWith(expect.any(String), expect.objectContaining({ file: expect.stringContaining("broken.yaml"), startLine: expect.any(Number) }));
    expect(summary.read()).toContain("kubegate: **ERROR**");
    // The stale PASS comment is replaced, not left standing.
    expect(octokit.updated).toEqual([{ id: 41, body: expect.stringContaining("kubegate: **ERROR**") }]);
  });

  it("fails closed on an internal error (RUNNER_TEMP is not a folder)", async () => {
    const file = join(tempDir(), "not-a-folder");
    writeFileSync(file, "");
    vi.stubEnv("RUNNER_TEMP", file);
    given({ base: `${BENIGN}/base`, head: `${BENIGN}/head` });
    await run();
    expect(core.setFailed).toHaveBeenCalledWith(expect.stringMatching(/^kubegate: internal error: /));
    expect(outputs()["decision"]).toBe("error");
    expect(summary.read()).toContain("kubegate: **ERROR**");
  });

  it("reports invalid inputs all at once", async () => {
    given({ base: `${BENIGN}/base`, "kube-version": "latest", comment: "yes" });
    await run();
    const message = vi.mocked(core.setFailed).mock.calls[0]![0] as string;
    expect(message).toContain("kubegate: invalid action inputs");
    expect(message).toContain("base and head go together");
    expect(message).toContain('kube-version: "latest"');
    expect(message).toContain('comment: "yes" is not a boolean');
  });
});

describe("run: SARIF", () => {
  it("writes SARIF with repository-relative locations when sarif: true", async () => {
    given({ base: `${INCIDENT}/base`, head: `${INCIDENT}/head`, sarif: "true" });
    await run();
    const path = outputs()["sarif-path"]!;
    expect(path).toBe(join(runnerTemp, "kubegate.sarif"));
    const sarif = JSON.parse(readFileSync(path, "utf8"));
    expect(sarif.version).toBe("2.1.0");
    const results = sarif.runs[0].results as Array<{ ruleId: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }> }>;
    const lb = results.find((r) => r.ruleId === "loadbalancer-recreated")!;
    expect(lb.locations[0]!.physicalLocation).toEqual({ artifactLocation: { uri: `${INCIDENT}/head/traefik.yaml` }, region: { startLine: 66 } });
  });

  it("writes no SARIF by default", async () => {
    given({ base: `${BENIGN}/base`, head: `${BENIGN}/head` });
    await run();
    expect(outputs()["sarif-path"]).toBeUndefined();
  });
});

describe("run: the sticky comment", () => {
  it("updates the comment that carries the marker instead of adding one", async () => {
    octokit = fakeOctokit([
      { id: 1, body: "LGTM" },
      { id: 2, body: `> ${REPORT_MARKER} quoted by a reviewer` },
      { id: 3, body: `${REPORT_MARKER}\n## ✅ kubegate: **PASS**` },
    ]);
    given({ base: `${INCIDENT}/base`, head: `${INCIDENT}/head` });
    await run();
    expect(octokit.created).toEqual([]);
    expect(octokit.updated).toHaveLength(1);
    expect(octokit.updated[0]!.id).toBe(3);
    expect(octokit.updated[0]!.body).toContain("kubegate: **BLOCK**");
    expect(octokit.raw.paginate).toHaveBeenCalledWith(octokit.raw.rest.issues.listComments, { owner: "acme", repo: "platform", issue_number: 7, per_page: 100 });
  });

  it("does not call the API for a pull request from a fork: notice + job summary", async () => {
    github.context.payload = prPayload({ fork: true });
    given({ base: `${INCIDENT}/base`, head: `${INCIDENT}/head` });
    await run();
    expect(github.getOctokit).not.toHaveBeenCalled();
    expect(core.notice).toHaveBeenCalledWith(expect.stringContaining("comes from a fork (someone/platform)"), { title: "kubegate: no PR comment" });
    expect(summary.read()).toMatch(/> \*\*Note:\*\* this pull request comes from a fork/);
    // The gate itself is unchanged.
    expect(core.setFailed).toHaveBeenCalledWith(expect.stringMatching(/^kubegate blocked/));
  });

  it("degrades to the job summary when the token cannot write (403), without crashing", async () => {
    octokit = fakeOctokit([], { status: 403, message: "Resource not accessible by integration" });
    given({ base: `${BENIGN}/base`, head: `${BENIGN}/head` });
    await run();
    expect(core.notice).toHaveBeenCalledWith(expect.stringContaining("HTTP 403"), { title: "kubegate: no PR comment" });
    expect(summary.read()).toContain("pull-requests: write");
    expect(core.setFailed).not.toHaveBeenCalled();
  });

  it("comments nowhere on a push event, and not at all with comment: false", async () => {
    github.context.eventName = "push";
    github.context.payload = {};
    given({ base: `${BENIGN}/base`, head: `${BENIGN}/head` });
    await run();
    expect(github.getOctokit).not.toHaveBeenCalled();
    expect(core.notice).not.toHaveBeenCalled();

    github.context.eventName = "pull_request";
    github.context.payload = prPayload();
    given({ base: `${BENIGN}/base`, head: `${BENIGN}/head`, comment: "false" });
    await run();
    expect(github.getOctokit).not.toHaveBeenCalled();
  });
});
