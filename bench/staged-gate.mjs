#!/usr/bin/env node
// Times the whole staged gate (`kubegate gate --stage local`) on generated changes: wall time per
// step and in total, and kubegate's peak memory, for 50 routes and 1,000 routes.
// The peer, `kind create cluster`, needs a Docker engine that can run privileged containers; where
// `docker info` fails it is reported as not measurable rather than quoted from elsewhere.
// Usage: node bench/staged-gate.mjs [routes...]   (default: 50 1000)
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const cli = join(root, "packages", "core", "dist", "cli", "main.js");
const sizes = process.argv.slice(2).map(Number);

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
for (const n of sizes.length ? sizes : [50, 1000]) {
  const dir = join(root, "bench", "out", `routes-${n}`);
  if (!existsSync(join(dir, "head", "all.yaml"))) execFileSync("node", [join(root, "bench", "generate-routes.mjs"), String(n), dir], { stdio: "inherit" });
  const r = spawnSync("/usr/bin/time", ["-f", "%e %M", "node", cli, "gate", "--base", join(dir, "base"), "--head", join(dir, "head"), "--stage", "local", "--format", "json"], { encoding: "utf8", maxBuffer: 1 << 30 });
  const [wall, kb] = r.stderr.trim().split("\n").pop().split(" ").map(Number);
  const report = JSON.parse(r.stdout);
  const routes = report.smoke?.routes ?? [];
  const ok = routes.filter((x) => x.afterRestart?.ok).length;
  console.log(`\n${n} routes: decision ${report.decision}, ${ok}/${routes.length} routes ok after restart, total ${wall.toFixed(1)} s, kubegate peak ${(kb / 1024).toFixed(0)} MiB`);
  for (const [step, ms] of Object.entries(report.smoke?.timings ?? {})) console.log(`  ${step.padEnd(34)} ${(ms / 1000).toFixed(1)} s`);
  if (typeof peer === "string" && peer.endsWith(" s")) console.log(`  ratio total / kind create cluster: ${(wall / Number(peer.split(" ")[0])).toFixed(2)}x`);
}
