/**
 * End to end: the committed action (action.yml + dist/, no node_modules) runs in nektos/act's host
 * mode (-P ubuntu-latest=-self-hosted: no Docker, no network) on a pull_request event, against a
 * local fake of GitHub's issue-comments API. act is built from its Go module by kubegate's pinned
 * tools (ensureTool("act"), packages/core/src/stage/tools/versions.ts). The `staged` job runs the
 * staged gate (stage: local) with the tools of this machine's tools dir, passed in with
 * KUBEGATE_TOOLS_DIR (act's HOME is a scratch folder); it is skipped, saying why, when the tools
 * are not built or the local provider cannot run here, and fails instead with $KUBEGATE_NO_SKIP.
 */
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPORT_MARKER, environmentSkip } from "@kubegate/core";
import { BENIGN, INCIDENT, PACKAGE_DIR, REPO_ROOT, tempDir } from "../helpers.js";
import { startFakeGitHubApi, type StoredComment } from "./fake-github-api.js";

const TOKEN = "e2e-token";

/** act's binary, built once into the tools cache; or why it is not available here. */
async function prepareAct(): Promise<{ path?: string; skip?: string }> {
  const buildTool = join(REPO_ROOT, "packages", "core", "dist", "stage", "tools", "build-tool.js");
  if (!existsSync(buildTool)) return { skip: `${buildTool} is missing (build @kubegate/core first)` };
  try {
    const tools = (await import(pathToFileURL(buildTool).href)) as {
      ensureTool(name: string, options?: { log?: (line: string) => void }): Promise<string>;
    };
    const path = await tools.ensureTool("act", { log: (line) => line.startsWith("[act]") && process.stderr.write(`${line}\n`) });
    execFileSync(path, ["--version"], { stdio: "pipe" });
    return { path };
  } catch (error) {
    return { skip: `ensureTool("act") failed: ${(error instanceof Error ? error.message : String(error)).split("\n")[0]}` };
  }
}

const act = await prepareAct();
environmentSkip(act.skip); // with $KUBEGATE_NO_SKIP (CI) a missing act fails the file instead
const actMissing = act.skip !== undefined;
const because = act.skip ? ` [skipped: ${act.skip}]` : "";

const INCIDENT_004 = "examples/incidents/004_0bbee5f82e2b96ce";

/** The tools dir for the staged job: it must hold the local stage's tools (no build under act). */
async function prepareStaging(): Promise<{ toolsDir?: string; skip?: string }> {
  if (act.skip) return { skip: act.skip };
  const coreDist = join(REPO_ROOT, "packages", "core", "dist", "index.js");
  const core = { ...((await import(pathToFileURL(coreDist).href)) as typeof import("@kubegate/core")), ...((await import(pathToFileURL(join(REPO_ROOT, "packages", "core", "dist", "tools.js")).href)) as typeof import("@kubegate/core/tools")) };
  const local = await new core.LocalProvider().isAvailable();
  if (!local.available) return { skip: `the local provider cannot run here: ${local.reason ?? "unknown"}` };
  const missing = ["etcd", "kube-apiserver", "traefik-v3", "traefik-v2"].filter((t) => !existsSync(core.toolPath(t as Parameters<typeof core.toolPath>[0])));
  if (missing.length > 0) return { skip: `${missing.join(", ")} not built in ${core.toolsDir()} (npm test builds them)` };
  return { toolsDir: core.toolsDir() };
}
const staging = await prepareStaging();
environmentSkip(staging.skip);
const stagingBecause = staging.skip ? ` [skipped: ${staging.skip}]` : "";

/**
 * A scratch repository: the action as committed, the two examples, the e2e workflow, and a
 * pull request's history for the refs job: commit `base` has deploy/ = incident 002's base,
 * commit `head` has deploy/ = its head.
 */
function scratchRepository(): { repo: string; base: string; head: string } {
  const repo = tempDir("kubegate-act-repo-");
  mkdirSync(join(repo, "packages", "github-action"), { recursive: true });
  cpSync(join(PACKAGE_DIR, "action.yml"), join(repo, "packages", "github-action", "action.yml"));
  cpSync(join(PACKAGE_DIR, "dist"), join(repo, "packages", "github-action", "dist"), { recursive: true });
  for (const example of [INCIDENT, BENIGN, INCIDENT_004]) {
    cpSync(join(REPO_ROOT, example), join(repo, example), { recursive: true, dereference: true });
  }
  mkdirSync(join(repo, ".github", "workflows"), { recursive: true });
  cpSync(join(PACKAGE_DIR, "test", "e2e", "workflow.yml"), join(repo, ".github", "workflows", "kubegate-e2e.yml"));
  const git = (...args: string[]): string =>
    execFileSync("git", ["-c", "user.name=kubegate-e2e", "-c", "user.email=e2e@kubegate.invalid", ...args], { cwd: repo, encoding: "utf8" }).trim();
  git("init", "-q");
  git("remote", "add", "origin", "https://github.com/acme/platform.git"); // act derives github.repository from it
  const commitDeploy = (side: "base" | "head"): string => {
    rmSync(join(repo, "deploy"), { recursive: true, force: true });
    cpSync(join(REPO_ROOT, INCIDENT, side), join(repo, "deploy"), { recursive: true });
    git("add", "-A");
    git("commit", "-qm", side);
    return git("rev-parse", "HEAD");
  };
  return { repo, base: commitDeploy("base"), head: commitDeploy("head") };
}

function pullRequestEvent(dir: string, shas: { base: string; head: string }): string {
  const file = join(dir, "event.json");
  const repo = { full_name: "acme/platform", name: "platform", owner: { login: "acme" } };
  writeFileSync(file, JSON.stringify({ number: 7, pull_request: { number: 7, base: { sha: shas.base, repo }, head: { sha: shas.head, repo } }, repository: repo }));
  return file;
}

describe("the action in act (host mode, local GitHub API)", () => {
  let api: Awaited<ReturnType<typeof startFakeGitHubApi>>;
  let scratch: ReturnType<typeof scratchRepository>;
  let work: string;

  function runAct(job: string, timeoutMs = 180_000): Promise<{ code: number | null; log: string }> {
    if (!act.path) throw new Error("act is not available");
    const args = [
      "pull_request",
      "--eventpath", pullRequestEvent(work, scratch),
      "--workflows", ".github/workflows/kubegate-e2e.yml",
      "--job", job,
      "--platform", "ubuntu-latest=-self-hosted",
      "--env", `GITHUB_API_URL=${api.url}`,
      "--env", `KUBEGATE_E2E_SOURCE=${scratch.repo}`,
      "--secret", `GITHUB_TOKEN=${TOKEN}`,
      // act's HOME is a scratch folder: the staged job finds the built tools through this.
      ...(staging.toolsDir ? ["--env", `KUBEGATE_TOOLS_DIR=${staging.toolsDir}`] : []),
      "--action-cache-path", join(work, "act-cache"),
      "--no-cache-server",
    ];
    return new Promise((resolve, reject) => {
      // A small, explicit environment: act hands the host's environment to every step.
      const child = spawn(act.path!, args, {
        cwd: scratch.repo,
        env: { PATH: process.env["PATH"] ?? "/usr/bin:/bin", HOME: join(work, "home"), LANG: "C.UTF-8", NO_PROXY: "127.0.0.1", no_proxy: "127.0.0.1" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let log = "";
      child.stdout.on("data", (d: Buffer) => (log += d.toString()));
      child.stderr.on("data", (d: Buffer) => (log += d.toString()));
      const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
      child.on("error", reject);
      child.on("close", (code) => {
        clearTimeout(timer);
        resolve({ code, log });
      });
    });
  }

  beforeAll(async () => {
    if (actMissing) return;
    work = tempDir("kubegate-act-");
    mkdirSync(join(work, "home"));
    scratch = scratchRepository();
    // 120 comments by people first, so the action's comment lands on page 2 of the listing.
    const people: StoredComment[] = Array.from({ length: 120 }, (_, i) => ({ id: i + 1, body: `review note ${i + 1}`, user: { login: "reviewer", type: "User" } }));
    api = await startFakeGitHubApi({ token: TOKEN, comments: people });
  });
  afterAll(async () => {
    await api?.close();
    // Nothing of the run stays behind: the scratch repository and act's home and cache.
    for (const dir of [work, scratch?.repo]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(actMissing)(`fails the job on incident 002, with the rule in the summary and a sticky comment${because}`, async () => {
    const { code, log } = await runAct("incident");
    expect(code, log).not.toBe(0);
    expect(log).toContain("🏁  Job failed");
    expect(log).toMatch(/::error::kubegate blocked this change|kubegate blocked this change/);
    // act prints the job summary after "Summary - ", up to the next line of the job's log.
    const summary = /Summary - ([\s\S]*?)\n\[kubegate e2e\//.exec(log)?.[1] ?? "";
    expect(summary).toContain("kubegate: **BLOCK**");
    expect(summary).toContain("`loadbalancer-recreated`");
    expect(log).toMatch(/kubegate-e2e decision=block findings=[1-9]\d*/);
    expect(log).toContain("kubegate-e2e sarif=written");
    expect(log).toContain("kubegate-e2e report=written");
    expect(log).toMatch(/Success - Post \.\/packages\/github-action/);

    const posts = api.requests.filter((r) => r.method === "POST");
    expect(posts).toHaveLength(1);
    expect(posts[0]!.path).toBe("/repos/acme/platform/issues/7/comments");
    expect(posts[0]!.authorization).toBe(`token ${TOKEN}`);
    const body = (JSON.parse(posts[0]!.body) as { body: string }).body;
    expect(body.startsWith(REPORT_MARKER)).toBe(true);
    expect(body).toContain("`loadbalancer-recreated`");
    expect(body.length).toBeLessThanOrEqual(65_536);
  });

  it.skipIf(actMissing)(`passes the job on the benign image bump and updates the same comment, found on page 2${because}`, async () => {
    const before = api.requests.length;
    const { code, log } = await runAct("benign");
    expect(code, log).toBe(0);
    expect(log).toContain("🏁  Job succeeded");
    // One unchanged warning: the Ingress's TLS Secret is not in the repository (named, never gating).
    expect(log).toContain("kubegate-e2e decision=pass findings=1");
    const sent = api.requests.slice(before);
    expect(sent.filter((r) => r.method === "GET").map((r) => r.path)).toEqual([
      "/repos/acme/platform/issues/7/comments?per_page=100",
      "/repos/acme/platform/issues/7/comments?per_page=100&page=2",
    ]);
    expect(sent.filter((r) => r.method === "POST")).toEqual([]);
    const patches = sent.filter((r) => r.method === "PATCH");
    expect(patches).toHaveLength(1);
    const mine = api.comments.filter((c) => c.body.startsWith(REPORT_MARKER));
    expect(mine).toHaveLength(1);
    expect(patches[0]!.path).toBe(`/repos/acme/platform/issues/comments/${mine[0]!.id}`);
    expect(mine[0]!.body).toContain("kubegate: **PASS**");
  });

  it.skipIf(actMissing)(`compares the event's base and head commits in git worktrees and removes them in the post step${because}`, async () => {
    const { code, log } = await runAct("refs");
    expect(code, log).not.toBe(0);
    expect(log).toMatch(/kubegate-e2e decision=block findings=[1-9]\d*/);
    expect(log).toContain(`base: ${scratch.base.slice(0, 12)} checked out in `);
    expect(log).toContain(`head: ${scratch.head.slice(0, 12)} checked out in `);
    // Findings point at the repository's files, not at the temporary worktrees.
    expect(log).toContain("`deploy/traefik.yaml:66`");
    expect(log.match(/kubegate cleanup: removed worktree /g)).toHaveLength(2);
    expect(log).toMatch(/Success - Post \.\/packages\/github-action/);
  });

  it.skipIf(actMissing || staging.skip !== undefined)(`stages incident 004 from the bundle (stage: local): fails the job, smoke-tls-mismatch in the summary${stagingBecause}`, async () => {
    const { code, log } = await runAct("staged", 300_000);
    expect(code, log).not.toBe(0);
    expect(log).toContain("🏁  Job failed");
    // No cache service under act: said, and the tools come from the tools dir (nothing built).
    expect(log).toMatch(/kubegate tools: etcd-v[\d.]+, kube-apiserver-v[\d.]+, traefik-v3-v[\d.]+, traefik-v2-v[\d.]+ already in /);
    expect(log).not.toMatch(/kubegate tools: building /);
    // The sandbox and the stand-ins ran from the bundle's own files.
    expect(log).toMatch(/probe after restart/);
    const summary = /Summary - ([\s\S]*?)\n\[kubegate e2e\//.exec(log)?.[1] ?? "";
    expect(summary).toContain("kubegate: **BLOCK**");
    expect(summary).toContain("`smoke-tls-mismatch`");
    expect(summary).toContain("### Staged routes");
    expect(summary).toMatch(/Staging tools \(cache key `kubegate-tools-linux-[a-z0-9]+-[0-9a-f]{16}`\): present/);
    expect(log).toMatch(/kubegate-e2e decision=block staged=1 failed=1/);
    expect(log).toMatch(/kubegate-e2e tools-cache-key=kubegate-tools-linux-[a-z0-9]+-[0-9a-f]{16}/);
    expect(log).toMatch(/Success - Post \.\/packages\/github-action/);
  }, 360_000);

  it.skipIf(actMissing)(`fails closed when staging has neither tools, nor Go, nor a cache service${because}`, async () => {
    const { code, log } = await runAct("staged-no-tools");
    expect(code, log).not.toBe(0);
    expect(log).toMatch(/kubegate tools: the Actions cache service is not available here .*under act/);
    expect(log).toMatch(/::error::kubegate: staging error: stage: local needs etcd, kube-apiserver, traefik-v3, traefik-v2 .*no Go toolchain was found.*actions\/setup-go/);
    expect(log).toMatch(/kubegate-e2e decision=error tools-cache-key=kubegate-tools-linux-/);
  });
});
