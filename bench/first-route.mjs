#!/usr/bin/env node
// Issue 3's benchmark: from nothing to "Traefik routes a request" and to full teardown, per
// staging provider, through the real pipeline (`kubegate gate --stage <provider> --format json` on
// examples/benign/_base against itself; its step timings say when the first probe succeeded).
// "Nothing" = no cluster, no controller, tools already built (the cold tool build is a one-off,
// measured in packages/core/src/stage/tools/README.md).
//
// Peer: `kind create cluster` (cluster only, no ingress controller, no route), measured in the same
// run where a Docker engine and the kind CLI exist. Where they do not, the published figure is
// printed instead and marked as such: 12.5 s (kind v0.12.0) and 17.1 s (kind v0.14.0) for
// `kind create cluster` on an Ubuntu 22.04 workstation, reported in
// https://github.com/kubernetes-sigs/kind/issues/2893 (a maintainer answers that a few seconds of
// skew between versions is normal). A ratio against a published figure is not a same-run ratio.
//
// Usage: node bench/first-route.mjs [--runs 3] [--providers local,kind,k3s]
import { spawnSync } from "node:child_process";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const root = resolve(import.meta.dirname, "..");
const cli = join(root, "packages", "core", "dist", "cli", "main.js");
const example = join(root, "examples", "benign", "_base");
const { values } = parseArgs({ options: { runs: { type: "string", default: "3" }, providers: { type: "string", default: "local,kind,k3s" } } });
const runs = Number(values.runs);
const PUBLISHED_KIND = { low: 12.5, high: 17.1, source: "https://github.com/kubernetes-sigs/kind/issues/2893" };
const FIRST_ROUTE_STEPS = ["create cluster", "apply base", "start stand-ins", "start ingress controller (base)", "sync (base)", "probe base"];

function kindPeer() {
  const docker = spawnSync("docker", ["info", "--format", "{{.ServerVersion}}"], { encoding: "utf8", timeout: 10_000 });
  if (docker.status !== 0) return { reason: `no Docker engine (\`docker info\`: ${(docker.stderr || "failed").trim().split("\n").pop()})` };
  if (spawnSync("kind", ["version"], { encoding: "utf8" }).status !== 0) return { reason: "no kind CLI on PATH" };
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const r = spawnSync("kind", ["create", "cluster", "--name", "kubegate-bench"], { encoding: "utf8" });
    const created = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    spawnSync("kind", ["delete", "cluster", "--name", "kubegate-bench"]);
    if (r.status !== 0) return { reason: `kind create cluster failed: ${r.stderr.trim().split("\n").pop()}` };
    times.push({ created, deleted: (performance.now() - t1) / 1000 });
  }
  return { times };
}

function stagedRun(provider) {
  const t0 = performance.now();
  const r = spawnSync("node", [cli, "gate", "--base", example, "--head", example, "--stage", provider, "--format", "json"], { encoding: "utf8", maxBuffer: 1 << 28 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) {
    // Exit 3 still writes the report: its failures say why staging could not run.
    let why;
    try {
      why = JSON.parse(r.stdout).reasons?.join("; ");
    } catch {
      why = r.stderr.trim().split("\n").slice(-2).join(" ");
    }
    return { error: `exit ${r.status}: ${why}` };
  }
  const report = JSON.parse(r.stdout);
  const t = report.smoke?.timings ?? {};
  const missing = FIRST_ROUTE_STEPS.filter((s) => !(s in t));
  if (missing.length > 0) return { error: `the report has no timing for ${missing.join(", ")}` };
  const ok = (report.smoke.routes ?? []).filter((x) => x.base?.ok).length;
  return { firstRoute: FIRST_ROUTE_STEPS.reduce((sum, s) => sum + t[s], 0) / 1000, teardown: (t.teardown ?? 0) / 1000, cluster: t["create cluster"] / 1000, wall, ok, routes: report.smoke.routes.length };
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { best: s[0], median: s[Math.floor(s.length / 2)] };
};
const fmt = (x) => `${x.toFixed(1)} s`;

console.log(`nothing -> "Traefik routes a request" -> teardown, ${runs} runs each (tools already built)\n`);
const results = {};
for (const provider of values.providers.split(",")) {
  const samples = [];
  let error;
  for (let i = 0; i < runs && !error; i++) {
    const r = stagedRun(provider);
    if (r.error) error = r.error;
    else samples.push(r);
  }
  if (samples.length === 0) {
    console.log(`${provider.padEnd(6)} not measurable here: ${error}`);
    continue;
  }
  const first = stats(samples.map((s) => s.firstRoute));
  const down = stats(samples.map((s) => s.teardown));
  const cluster = stats(samples.map((s) => s.cluster));
  results[provider] = { first, down, cluster };
  console.log(
    `${provider.padEnd(6)} cluster ready ${fmt(cluster.best)} (median ${fmt(cluster.median)}), first route ok ${fmt(first.best)} (median ${fmt(first.median)}), ` +
      `teardown ${fmt(down.best)}; ${samples[0].ok}/${samples[0].routes} routes ok at base`,
  );
}

const peer = kindPeer();
console.log("");
if (peer.times) {
  const created = stats(peer.times.map((t) => t.created));
  const deleted = stats(peer.times.map((t) => t.deleted));
  console.log(`kind create cluster (same run): ${fmt(created.best)} (median ${fmt(created.median)}); kind delete cluster ${fmt(deleted.best)}`);
  for (const [provider, r] of Object.entries(results)) {
    console.log(`  ${provider}: first route / kind create cluster = ${(r.first.best / created.best).toFixed(2)}x; teardown / kind delete = ${(r.down.best / deleted.best).toFixed(2)}x`);
  }
} else {
  console.log(`kind create cluster: not measurable here (${peer.reason}).`);
  console.log(`  published figure (not this run): ${PUBLISHED_KIND.low}-${PUBLISHED_KIND.high} s for the cluster alone, ${PUBLISHED_KIND.source}`);
  const local = results.local;
  if (local) console.log(`  local first route ${fmt(local.first.best)} vs published kind cluster-only ${PUBLISHED_KIND.low} s: ${(local.first.best / PUBLISHED_KIND.low).toFixed(2)}x (different machines: indicative only)`);
}
