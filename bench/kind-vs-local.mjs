#!/usr/bin/env node
// From nothing to a ready cluster (create() resolved: API server answering, the run's sandbox up)
// and to full teardown (stop()), per provider, through the library (packages/core/dist): local
// vs kind (and k3s), with ratios against local. The cluster alone: no ingress controller, no
// route (bench/first-route.mjs measures that). Tools already built; image pulls are not timed
// separately, so the first kind/k3s run includes one (hence best and median).
//
// Where a provider cannot run (no Docker engine, say), it prints "not measurable here" with
// isAvailable()'s reason. For kind it then prints the published figure instead, marked as such:
// 12.5 s (kind v0.12.0) and 17.1 s (kind v0.14.0) for `kind create cluster` on an Ubuntu 22.04
// workstation, https://github.com/kubernetes-sigs/kind/issues/2893 (a different machine and a
// different definition of ready: indicative only, not a same-run ratio).
//
// Usage: pnpm --filter @kubegate/core run build && node bench/kind-vs-local.mjs [--runs 3] [--providers local,kind,k3s]
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const dist = process.env.KUBEGATE_CORE_DIST ?? join(resolve(import.meta.dirname, ".."), "packages", "core", "dist");
const load = (path) => import(pathToFileURL(join(dist, path)).href);
const { values } = parseArgs({ options: { runs: { type: "string", default: "3" }, providers: { type: "string", default: "local,kind,k3s" } } });
const runs = Number(values.runs);
const PUBLISHED_KIND = { low: 12.5, high: 17.1, source: "https://github.com/kubernetes-sigs/kind/issues/2893" };

const FACTORIES = {
  local: async () => new (await load("stage/providers/local/index.js")).LocalProvider(),
  kind: async () => new (await load("stage/providers/kind/index.js")).KindProvider(),
  k3s: async () => new (await load("stage/providers/k3s/index.js")).K3sProvider(),
};
const { newRunId } = await load("stage/cluster/run-id.js");
const logger = { info() {}, warn() {}, debug() {} };

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { best: s[0], median: s[Math.floor(s.length / 2)] };
};
const fmt = (x) => (x < 1 ? `${(x * 1000).toFixed(0)} ms` : `${x.toFixed(1)} s`);

async function measure(provider) {
  const availability = await provider.isAvailable();
  if (!availability.available) return { error: availability.reason };
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    let cluster;
    try {
      cluster = await provider.create({ runId: newRunId(), logger });
    } catch (err) {
      return samples.length > 0 ? { samples } : { error: `create failed: ${String(err.message).split("\n")[0]}` };
    }
    const ready = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    await cluster.stop();
    samples.push({ ready, down: (performance.now() - t1) / 1000, version: cluster.serverVersion });
  }
  return { samples };
}

console.log(`nothing -> ready cluster -> teardown, ${runs} runs each, through the library\n`);
const results = {};
for (const name of values.providers.split(",")) {
  const factory = FACTORIES[name];
  if (!factory) {
    console.log(`${name.padEnd(6)} unknown provider (known: ${Object.keys(FACTORIES).join(", ")})`);
    continue;
  }
  const r = await measure(await factory());
  if (r.error) {
    console.log(`${name.padEnd(6)} not measurable here: ${r.error}`);
    continue;
  }
  results[name] = { ready: stats(r.samples.map((s) => s.ready)), down: stats(r.samples.map((s) => s.down)) };
  const { ready, down } = results[name];
  console.log(`${name.padEnd(6)} ${r.samples[0].version}: ready ${fmt(ready.best)} (median ${fmt(ready.median)}), teardown ${fmt(down.best)} (median ${fmt(down.median)})`);
}

console.log("");
const local = results.local;
for (const name of ["kind", "k3s"]) {
  if (local && results[name]) {
    const r = results[name];
    console.log(`${name}/local (same run, best): ready ${(r.ready.best / local.ready.best).toFixed(2)}x, teardown ${(r.down.best / Math.max(local.down.best, 0.001)).toFixed(1)}x`);
  }
}
if (!results.kind && values.providers.split(",").includes("kind")) {
  console.log(`kind: published figure instead (not this machine): \`kind create cluster\` ${PUBLISHED_KIND.low}-${PUBLISHED_KIND.high} s, ${PUBLISHED_KIND.source}`);
  if (local) console.log(`  local ready ${fmt(local.ready.best)} vs published kind ${PUBLISHED_KIND.low} s: ${(local.ready.best / PUBLISHED_KIND.low).toFixed(2)}x (different machines: indicative only)`);
}
