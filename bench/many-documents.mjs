// Time and peak memory of `kubegate check` on N tiny documents (one file per side, base == head
// except one object), to show load -> diff -> rules stay linear in the number of documents.
//   node bench/many-documents.mjs [cli/main.js] [N...]   (default: the built CLI; 10^4, 10^5, 10^6)
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const cli = resolve(process.argv[2] ?? "packages/core/dist/cli/main.js");
const sizes = process.argv.length > 3 ? process.argv.slice(3).map(Number) : [10_000, 100_000, 1_000_000];
const dir = mkdtempSync(join(tmpdir(), "kubegate-many-"));
const doc = (i, v) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}, namespace: n}\ndata: {k: "${v}"}\n`;

for (const n of sizes) {
  const write = (file, changed) => {
    const parts = [];
    for (let i = 0; i < n; i++) parts.push(doc(i, i === 0 && changed ? "changed" : "v"));
    writeFileSync(join(dir, file), parts.join(""));
  };
  write("base.yaml", false);
  write("head.yaml", true);
  const started = process.hrtime.bigint();
  // /proc-free peak memory: GNU time's %M (KiB), as the child's maximum resident set size.
  const r = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, "--max-old-space-size=8192", cli, "check", "--base", "base.yaml", "--head", "head.yaml", "--format", "json", "--max-file-size", "1024"], { cwd: dir, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peakMiB = Number(r.stderr.trim().split("\n").pop()) / 1024;
  console.log(JSON.stringify({ documents: n, exit: r.status, seconds: Number(seconds.toFixed(1)), peakMiB: Math.round(peakMiB) }));
}
rmSync(dir, { recursive: true, force: true });
