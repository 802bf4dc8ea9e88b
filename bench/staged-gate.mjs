#!/usr/bin/env node
// Times the whole staged gate (`kubegate gate --stage local`) on generated changes: wall time per
// step and in total, and kubegate's peak memory, for 50 routes and 1,000 routes.
// The peer, `kind create cluster`, needs a Docker engine that can run privileged containers; where
// `docker info` fails it is reported as not measurable rather than quoted from elsewhere.
// Steps that run side by side (the stand-ins start during the base apply) are timed each on
// their own, so the steps add up to more than the total. Other processes on the machine slow every
// step: the load average is printed with each run, and --runs=N keeps the best of N.
// Usage: node bench/staged-gate.mjs [--runs=N] [--before=<cli>] [routes...]   (default: 50 1000, one run each)
// --before=<path to another build's dist/cli/main.js> runs that build on the same changes in the
// same session, alternating with this one, and prints the ratio (after / before).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const cli = join(root, "packages", "core", "dist", "cli", "main.js");
const before = process.argv.find((a) => a.startsWith("--before="))?.split("=")[1];
const runs = Number(process.argv.find((a) => a.startsWith("--runs="))?.split("=")[1] ?? 1);
const sizes = process.argv.slice(2).filter((a) => !a.startsWith("--")).map(Number);

function kindPeer() {
  const docker = spawnSync("docker", ["info"], { encoding: "utf8" });
  if (docker.status !== 0) return "not measurable here (no Docker engine: `docker info` failed)";
  const kind = spawnSync("which", ["kind"], { encoding: "utf8" });
  if (kind.status !== 0) return "not measurable here (no kind binary)";
  const t0 = Date.now();
  const r = spawnSync("kind", ["create", "cluster", "--name", "kubegate-bench"], { encoding: "utf8" });
  const s = (Date.now() - t0) / 1000;
  spawnSync("kind", ["delete", "cluster", "--name", "kubegate-bench"]);
  return r.status === 0 ? `${s.toFixed(1)} s` : `failed: ${r.stderr.split("\n").slice(-2).join(" ")}`;
}

const peer = kindPeer();
console.log(`kind create cluster: ${peer}`);
console.log(`${availableParallelism()} CPUs`);
for (const n of sizes.length ? sizes : [50, 1000]) {
  const dir = join(root, "bench", "out", `routes-${n}`);
  if (!existsSync(join(dir, "head", "all.yaml"))) execFileSync("node", [join(root, "bench", "generate-routes.mjs"), String(n), dir], { stdio: "inherit" });
  const builds = before ? [["after", cli], ["before", resolve(before)]] : [["this build", cli]];
  const bests = {};
  for (let run = 1; run <= runs; run++) {
    for (const [label, path] of builds) {
      const load = loadavg().map((x) => x.toFixed(1)).join(" ");
      const r = spawnSync("/usr/bin/time", ["-f", "%e %M", "node", path, "gate", "--base", join(dir, "base"), "--head", join(dir, "head"), "--stage", "local", "--format", "json"], { encoding: "utf8", maxBuffer: 1 << 30 });
      const [wall, kb] = r.stderr.trim().split("\n").pop().split(" ").map(Number);
      const report = JSON.parse(r.stdout);
      const routes = report.smoke?.routes ?? [];
      const ok = routes.filter((x) => x.afterRestart?.ok).length;
      console.log(`\n${n} routes, ${label}, run ${run}/${runs} (load average before: ${load}): decision ${report.decision}, ${ok}/${routes.length} routes ok after restart, total ${wall.toFixed(1)} s, kubegate peak ${(kb / 1024).toFixed(0)} MiB`);
      for (const [step, ms] of Object.entries(report.smoke?.timings ?? {})) console.log(`  ${step.padEnd(34)} ${(ms / 1000).toFixed(1)} s`);
      if (typeof peer === "string" && peer.endsWith(" s")) console.log(`  ratio total / kind create cluster: ${(wall / Number(peer.split(" ")[0])).toFixed(2)}x`);
      else console.log("  ratio to kind: not measurable here (see above)");
      if (!bests[label] || wall < bests[label].wall) bests[label] = { wall, kb, run, timings: report.smoke?.timings ?? {} };
    }
  }
  const best = bests[builds[0][0]];
  if (runs > 1) console.log(`${n} routes: best of ${runs}: ${best.wall.toFixed(1)} s (run ${best.run}), peak ${(best.kb / 1024).toFixed(0)} MiB`);
  if (before) {
    const b = bests.before;
    console.log(`${n} routes, best of ${runs} each: after ${best.wall.toFixed(1)} s, before ${b.wall.toFixed(1)} s: ratio ${(best.wall / b.wall).toFixed(2)}x`);
    for (const step of Object.keys(best.timings)) console.log(`  ${step.padEnd(34)} before ${((b.timings[step] ?? 0) / 1000).toFixed(1)} s  after ${(best.timings[step] / 1000).toFixed(1)} s`);
  }
}
