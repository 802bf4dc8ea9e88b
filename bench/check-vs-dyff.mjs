#!/usr/bin/env node
// Times `kubegate check` on a 10,000-resource change against `dyff between` on the same pair,
// measured in the same run on the same machine, and prints the ratio and peak memory of each.
// Usage: node bench/check-vs-dyff.mjs [resources=10000] [runs=3]
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const n = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 3);
const dir = join(root, "bench", "out", `change-${n}`);
if (!existsSync(join(dir, "head.yaml"))) execFileSync("node", [join(root, "bench", "generate-change.mjs"), String(n), dir], { stdio: "inherit" });

const cli = join(root, "packages", "core", "dist", "cli", "main.js");
// The tools CLI builds dyff from Go modules if needed and prints "name<TAB>path" on stdout.
const built = execFileSync("node", [join(root, "packages", "core", "dist", "stage", "tools", "build-tools-cli.js"), "dyff"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
const dyff = built.trim().split("\n").map((l) => l.split("\t")).find(([name]) => name === "dyff")?.[1];
if (!dyff) throw new Error(`could not build dyff: ${built}`);

/** Runs a command under GNU time: wall seconds and peak RSS in MiB. */
function measure(cmd, args) {
  const r = spawnSync("/usr/bin/time", ["-f", "%e %M", cmd, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
  const [wall, kb] = r.stderr.trim().split("\n").pop().split(" ").map(Number);
  return { wall, mib: kb / 1024, status: r.status };
}

function best(label, cmd, args, okStatus) {
  const samples = Array.from({ length: runs }, () => measure(cmd, args));
  for (const s of samples) if (!okStatus.includes(s.status)) throw new Error(`${label} exited ${s.status}`);
  const wall = Math.min(...samples.map((s) => s.wall));
  const mib = Math.max(...samples.map((s) => s.mib));
  console.log(`${label.padEnd(16)} best of ${runs}: ${wall.toFixed(2)} s, peak ${mib.toFixed(0)} MiB`);
  return { wall, mib };
}

const base = join(dir, "base.yaml");
const head = join(dir, "head.yaml");
console.log(`change: ${n} resources (${dir})`);
const k = best("kubegate check", "node", [cli, "check", "--base", base, "--head", head, "--format", "json"], [0, 1]);
const d = best("dyff between", dyff, ["between", "--omit-header", "--set-exit-code", base, head], [0, 1]);
console.log(`ratio kubegate/dyff: time ${(k.wall / d.wall).toFixed(2)}x, memory ${(k.mib / d.mib).toFixed(2)}x`);
