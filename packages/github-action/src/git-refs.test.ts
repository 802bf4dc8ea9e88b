/** base-ref/head-ref: each ref's tree checked out with `git worktree add`, removed by the post step. */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

const inputs = vi.hoisted(() => new Map<string, string>());
const state = vi.hoisted(() => new Map<string, string>());
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
    saveState: vi.fn((k: string, v: string) => state.set(k, v)),
    getState: vi.fn((k: string) => state.get(k) ?? ""),
  };
});
const github = vi.hoisted(() => ({
  context: { eventName: "pull_request", payload: {} as Record<string, unknown>, repo: { owner: "acme", repo: "platform" } },
  getOctokit: vi.fn(),
}));
vi.mock("@actions/github", () => github);

import * as core from "@actions/core";
import { INCIDENT, REPO_ROOT, summaryFile, tempDir } from "../test/helpers.js";
import { cleanup } from "./cleanup.js";
import { STATE } from "./constants.js";
import { run } from "./main.js";

const summary = summaryFile();
let repo: string;
const sha: Record<string, string> = {};

function git(...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@kubegate.invalid", ...args], { cwd: repo, encoding: "utf8" }).trim();
}

function commitDeploy(from: string, message: string): string {
  rmSync(join(repo, "deploy"), { recursive: true, force: true });
  cpSync(from, join(repo, "deploy"), { recursive: true, dereference: true });
  git("add", "-A");
  git("commit", "-qm", message);
  return git("rev-parse", "HEAD");
}

/** main: 0 (no deploy/) -> A (incident base) -> C (adds a ConfigMap); pr: A -> B (incident head). */
beforeAll(() => {
  repo = tempDir("kubegate-git-");
  git("init", "-q", "-b", "main");
  writeFileSync(join(repo, "README.md"), "platform\n");
  git("add", "-A");
  git("commit", "-qm", "start");
  sha["0"] = git("rev-parse", "HEAD");
  sha["A"] = commitDeploy(join(REPO_ROOT, INCIDENT, "base"), "base");
  git("checkout", "-q", "-b", "pr");
  sha["B"] = commitDeploy(join(REPO_ROOT, INCIDENT, "head"), "head");
  git("checkout", "-q", "main");
  writeFileSync(join(repo, "deploy", "extra.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra, namespace: apps}\ndata: {a: b}\n");
  git("add", "-A");
  git("commit", "-qm", "main moves on");
  sha["C"] = git("rev-parse", "HEAD");
  git("checkout", "-q", "pr");
});

beforeEach(() => {
  vi.clearAllMocks();
  state.clear();
  summary.reset();
  inputs.clear();
  const runnerTemp = tempDir("kubegate-runner-temp-");
  vi.stubEnv("GITHUB_WORKSPACE", repo);
  vi.stubEnv("RUNNER_TEMP", runnerTemp);
  vi.stubEnv("GITHUB_STEP_SUMMARY", summary.path);
  github.context.payload = { pull_request: { number: 7, base: { sha: sha["A"] }, head: { sha: sha["B"] } } };
  for (const [k, v] of Object.entries({ paths: "deploy", comment: "false" })) inputs.set(k, v);
});

const output = (name: string): string | undefined => vi.mocked(core.setOutput).mock.calls.find(([k]) => k === name)?.[1] as string | undefined;
const report = () => JSON.parse(readFileSync(output("report-path")!, "utf8")) as { decision: string; findings: Array<{ rule: string; file: string }>; changes: Array<{ op: string; resource: { name: string } }> };
const worktrees = (): string[] => JSON.parse(state.get(STATE.worktrees) ?? "[]").map((w: { dir: string }) => w.dir);

describe("git refs", () => {
  it("compares the pull request's base and head commits by default, with repository-relative files; the post step removes the worktrees", async () => {
    await run();
    expect(core.setFailed).toHaveBeenCalledWith(expect.stringMatching(/^kubegate blocked this change/));
    expect(report().findings.map((f) => f.file)).toContain("deploy/traefik.yaml");
    expect(summary.read()).toContain("`deploy/traefik.yaml:66`");
    const dirs = worktrees();
    expect(dirs).toHaveLength(2);
    expect(dirs.every((d) => existsSync(join(d, "deploy")))).toBe(true);

    await cleanup();
    expect(dirs.some((d) => existsSync(d))).toBe(false);
    expect(git("worktree", "list").split("\n")).toHaveLength(1);
    expect(core.warning).not.toHaveBeenCalled();
  });

  it("starts from the merge base when the base branch moved on (no phantom deletions)", async () => {
    github.context.payload = { pull_request: { number: 7, base: { sha: sha["C"] }, head: { sha: sha["B"] } } };
    await run();
    expect(report().changes.filter((c) => c.resource.name === "extra")).toEqual([]);
    expect(core.info).toHaveBeenCalledWith(expect.stringContaining("comparing from the merge base"));
    await cleanup();
  });

  it("uses explicit base-ref/head-ref as given", async () => {
    inputs.set("base-ref", sha["C"]!);
    inputs.set("head-ref", "main");
    await run();
    expect(report().decision).toBe("pass");
    expect(report().changes).toEqual([]);
    inputs.set("base-ref", sha["A"]!);
    inputs.set("head-ref", "main");
    vi.mocked(core.setOutput).mockClear();
    await run();
    expect(report().changes.map((c) => `${c.op} ${c.resource.name}`)).toEqual(["create extra"]);
    await cleanup();
  });

  it("fails closed with the fetch-depth hint when a commit is missing (shallow clone)", async () => {
    inputs.set("base-ref", "0123456789abcdef0123456789abcdef01234567");
    inputs.set("head-ref", "HEAD");
    await run();
    expect(core.setFailed).toHaveBeenCalledWith(expect.stringMatching(/base-ref "0123456789abcdef0123456789abcdef01234567" is not a commit .*fetch-depth: 0/));
  });

  it("treats a folder only one side has as an empty side, and refuses one neither has", async () => {
    inputs.set("base-ref", sha["0"]!);
    inputs.set("head-ref", sha["A"]!);
    await run();
    expect(report().changes.length).toBeGreaterThan(0);
    expect(new Set(report().changes.map((c) => c.op))).toEqual(new Set(["create"]));
    await cleanup();

    inputs.set("paths", "deploy\nnowhere");
    await run();
    expect(core.setFailed).toHaveBeenCalledWith(expect.stringContaining('paths: "nowhere" exist(s) in neither base'));
    await cleanup();
  });

  it("explains what to set on an event without refs", async () => {
    github.context.eventName = "workflow_dispatch";
    github.context.payload = {};
    await run();
    expect(core.setFailed).toHaveBeenCalledWith(expect.stringContaining("nothing to compare on a workflow_dispatch event: set base and head"));
    github.context.eventName = "pull_request";
  });
});
