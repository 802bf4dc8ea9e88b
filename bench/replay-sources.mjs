#!/usr/bin/env node
// Issue 12's real-world acceptance: replays `kubegate check` over consecutive commits of a public
// repository fetched as a bare git dir (the `fetch` tool's /work/.mirror/<owner>+<name>/repo), two
// ways: by git refs from a clone (`--base-ref A --head-ref B`, run in <folder>), and by folders
// (`git archive` of each commit, `--base A/<folder> --head B/<folder>`). Prints one line per commit
// pair: exit code, the sources summary, and the first error line; nothing of the repository runs.
// Usage: node bench/replay-sources.mjs <bare-git-dir> <folder> [commits=10] [extra kubegate args...]
//   node bench/replay-sources.mjs /work/.mirror/fluxcd+flux2-kustomize-helm-example/repo apps/production 12
// GitOps repositories from their root (issue 13; figures of 2026-12-05, 20 commits = 40 runs each):
//   node bench/replay-sources.mjs /work/.mirror/fluxcd+flux2-kustomize-helm-example/repo . 20  # 38 pass, 2 block (7c6e245)
//   node bench/replay-sources.mjs /work/.mirror/argoproj+argocd-example-apps/repo . 20         # 38 pass, 2 warn
//   node bench/replay-sources.mjs /work/.mirror/fluxcd+flux2-multi-tenancy/repo . 20           # 40 pass
//   node bench/replay-sources.mjs /work/.mirror/khuedoan+homelab/repo . 20                     # 40 pass (before: 0/40 judged)
//   node bench/replay-sources.mjs /work/.mirror/wikimedia+operations-deployment-charts/repo \
//        helmfile.d/services/<service> 10 --environment staging --chart-repo wmf-stable=charts
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const [bare, folder, countArg, ...extra] = process.argv.slice(2);
if (!bare || !folder) throw new Error("usage: replay-sources.mjs <bare-git-dir> <folder> [commits] [kubegate args...]");
const count = Number(countArg ?? 10);
const cli = resolve(import.meta.dirname, "..", "packages", "core", "dist", "cli", "main.js");
const git = (args, cwd) => execFileSync("git", args, { cwd, encoding: "utf8", maxBuffer: 1 << 28 }).trim();

// The last `count` commits that touched the folder, oldest first, each judged against its parent.
const commits = git(["log", `-${count}`, "--format=%H", "--", folder], bare).split("\n").filter(Boolean).reverse();
const work = mkdtempSync(join(tmpdir(), "kubegate-replay-"));
const clone = join(work, "clone");
git(["clone", "--quiet", "--no-checkout", bare, clone], work);
git(["config", "core.hooksPath", "/dev/null"], clone);

function run(args, cwd) {
  const t0 = Date.now();
  const r = spawnSync("node", [cli, "check", "--format", "json", ...args, ...extra], { cwd, encoding: "utf8", maxBuffer: 1 << 28 });
  const summary = /kubegate: (.*)/.exec(r.stderr.split("\n").filter((l) => l.startsWith("kubegate: ") && !l.startsWith("kubegate: bad input")).pop() ?? "")?.[1] ?? "";
  const error = r.status === 2 || r.status === 3 ? r.stderr.split("\n").filter((l) => l.trim()).slice(-3).join(" | ") : "";
  let decision = "";
  try {
    const report = JSON.parse(r.stdout);
    decision = `${report.decision} (${report.findings.length} findings: ${[...new Set(report.findings.map((f) => f.rule))].join(", ")})`;
  } catch {}
  return { code: r.status, seconds: (Date.now() - t0) / 1000, summary, decision, error };
}

const rows = [];
for (const commit of commits) {
  const parent = `${commit}^`;
  const short = commit.slice(0, 9);
  // By git refs, from the folder of a checkout at the commit.
  git(["checkout", "--quiet", "--force", commit], clone);
  mkdirSync(join(clone, folder), { recursive: true });
  const byRefs = run(["--base-ref", parent, "--head-ref", commit], join(clone, folder));
  // By folders: each commit's tree extracted with git archive.
  const trees = { base: join(work, `${short}-base`), head: join(work, `${short}-head`) };
  for (const [side, ref] of [["base", parent], ["head", commit]]) {
    mkdirSync(trees[side], { recursive: true });
    execFileSync("sh", ["-c", `git -C "${bare}" archive "${ref}" | tar -x -C "${trees[side]}"`]);
    mkdirSync(join(trees[side], folder), { recursive: true }); // a folder the commit adds: an empty base
  }
  const byFolders = run(["--base", join(trees.base, folder), "--head", join(trees.head, folder)], work);
  for (const [how, r] of [["refs", byRefs], ["folders", byFolders]]) {
    rows.push({ commit: short, how, ...r });
    console.log(`${short} ${how.padEnd(7)} exit ${r.code} ${r.seconds.toFixed(1)}s ${r.decision || "-"} | ${r.summary}${r.error ? ` | ERROR ${r.error}` : ""}`);
  }
  rmSync(trees.base, { recursive: true, force: true });
  rmSync(trees.head, { recursive: true, force: true });
}
rmSync(work, { recursive: true, force: true });
const judged = rows.filter((r) => r.code === 0 || r.code === 1).length;
console.log(`judged ${judged}/${rows.length} runs over ${commits.length} commits of ${folder}`);
