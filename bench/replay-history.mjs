#!/usr/bin/env node
// Real-world acceptance: replays the real history of public repositories through `kubegate check`
// (parent tree vs commit tree, one commit at a time) and prints pass / warn / block / error counts
// per repository, with every block and its gating findings, so each one can be read.
//
// The repositories are bare git directories brought by the search tool's `fetch` (nothing here
// downloads anything); a repository that is not on this machine is skipped, saying so.
//
// Usage: node bench/replay-history.mjs [--cli packages/core/dist/cli/main.js] [--commits 40]
//                                      [--only name] [--mirror /work/.mirror] [--verbose]
// Compare two builds on the same commits: run it once with --cli of each build.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { REPOSITORIES } from "./replay-repositories.mjs";

const root = resolve(import.meta.dirname, "..");
const { values } = parseArgs({
  options: {
    cli: { type: "string", default: join(root, "packages/core/dist/cli/main.js") },
    commits: { type: "string", default: "40" },
    only: { type: "string" },
    mirror: { type: "string", default: process.env.KUBEGATE_MIRROR ?? "/work/.mirror" },
    verbose: { type: "boolean", default: false },
  },
});
const commits = Number(values.commits);
// stderr ignored: fetched snapshots lack large blobs (images), which git mentions and we never read.
const git = (dir, args, opts = {}) => execFileSync("git", ["--git-dir", dir, ...args], { encoding: "utf8", maxBuffer: 1 << 28, stdio: ["ignore", "pipe", "ignore"], ...opts });

/** The newest `n` commits up to `until` of the first-parent history that touch `paths`, oldest first. */
function history(dir, paths, n, until = "HEAD") {
  const out = git(dir, ["log", "--first-parent", "--format=%H %P", `-n${n}`, until, "--", ...paths]).trim();
  return out.split("\n").filter(Boolean).map((l) => l.split(" ")).filter((p) => p.length >= 2).map(([sha, parent]) => ({ sha, parent })).reverse();
}

/** The tree of `rev` below `paths`, written to `dest` (git archive: no checkout, no hooks, no filters). */
function extract(dir, rev, paths, dest) {
  mkdirSync(dest, { recursive: true });
  const present = paths.filter((p) => git(dir, ["ls-tree", "--name-only", rev, "--", p]).trim() !== "");
  if (present.length === 0) return;
  const tar = execFileSync("git", ["--git-dir", dir, "archive", "--format=tar", rev, "--", ...present], { maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "ignore"] });
  execFileSync("tar", ["-x", "-C", dest], { input: tar });
}

function judge(repo, dir, { sha, parent }) {
  const work = mkdtempSync(join(tmpdir(), "kubegate-replay-"));
  try {
    const sides = { base: join(work, "base"), head: join(work, "head") };
    extract(dir, parent, repo.paths, sides.base);
    extract(dir, sha, repo.paths, sides.head);
    for (const side of Object.values(sides)) repo.prepare?.(side);
    const args = [values.cli, "check", "--base", join(sides.base, repo.root ?? ""), "--head", join(sides.head, repo.root ?? ""), "--format", "json", ...(repo.args ?? [])];
    const r = spawnSync("node", args, { encoding: "utf8", maxBuffer: 1 << 28, cwd: work, timeout: 300_000 });
    if (r.status === 2 || r.status === 3 || r.status === null) return { sha, decision: "error", detail: (r.stderr || r.error?.message || "").trim().split("\n").slice(-2).join(" | ") };
    let report;
    try {
      report = JSON.parse(r.stdout);
    } catch (error) {
      return { sha, decision: "error", detail: `the JSON report does not parse (${error.message})` };
    }
    const gating = report.findings.filter((f) => f.severity !== "info" && !f.acknowledged && f.baseline !== "unchanged");
    return { sha, decision: report.decision, gating, unchanged: report.findings.filter((f) => f.baseline === "unchanged").length, resolved: (report.resolved ?? []).length };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const subject = (dir, sha) => git(dir, ["log", "-1", "--format=%s", sha]).trim().slice(0, 90);
const totals = [];
for (const repo of REPOSITORIES) {
  if (values.only && repo.name !== values.only) continue;
  const dir = join(values.mirror, repo.name.replace("/", "+"), "repo");
  if (!existsSync(dir)) {
    console.log(`${repo.name}: not on this machine (fetch it with the search tool), skipped`);
    continue;
  }
  const started = Date.now();
  const counts = { pass: 0, warn: 0, block: 0, error: 0 };
  const lines = [];
  for (const commit of history(dir, repo.paths, commits, repo.until)) {
    const r = judge(repo, dir, commit);
    counts[r.decision] = (counts[r.decision] ?? 0) + 1;
    const head = `  ${r.decision.padEnd(5)} ${commit.sha.slice(0, 9)} ${subject(dir, commit.sha)}`;
    if (r.decision === "block" || r.decision === "error" || values.verbose) lines.push(head);
    if (r.decision === "error") lines.push(`        ${r.detail}`);
    for (const f of r.gating ?? []) if (f.severity !== "warning" || values.verbose) lines.push(`        ${f.severity} ${f.rule} ${f.resource.kind}/${f.resource.name} (${f.baseline}): ${f.message.slice(0, 160)}`);
  }
  const n = Object.values(counts).reduce((a, b) => a + b, 0);
  const tag = `${repo.until ? ` up to ${repo.until}` : ""}${repo.tuned ? "" : " [not tuned on]"}`;
  console.log(`${repo.name}${tag} (${repo.kind}): ${n} commits: pass ${counts.pass}, warn ${counts.warn}, block ${counts.block}, error ${counts.error} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  for (const l of lines) console.log(l);
  totals.push({ repo: repo.name, ...counts });
}
if (totals.length === 0) process.exitCode = 1;

