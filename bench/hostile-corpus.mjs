// Runs the hostile-input corpus (packages/core/test/hostile) against a built kubegate CLI as a
// subprocess, case by case, and counts leaks, stack traces, hangs and wrong exit codes.
//   node bench/hostile-corpus.mjs [path/to/cli/main.js]
// Pass an older build (e.g. main's dist copied aside) to measure before/after on the same corpus.
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { resolve } from "node:path";
import { badInputs } from "../packages/core/test/hostile/bad-inputs.mjs";
import { writeCase } from "../packages/core/test/hostile/corpus-files.mjs";
import { leaks, secretPlacements, STACK_TRACE } from "../packages/core/test/hostile/placements.mjs";

const cli = resolve(process.argv[2] ?? "packages/core/dist/cli/main.js");
const FORMATS = ["text", "json", "markdown", "sarif"];
const counts = { runs: 0, leaks: 0, stackTraces: 0, hangs: 0, wrongExit: 0, missingLocation: 0 };
const failures = [];

async function runOne(c, argv, expected, where, secret) {
  const { dir, close } = await writeCase(c);
  const r = spawnSync(process.execPath, [cli, ...argv], { cwd: dir, input: c.stdin ?? "", encoding: "utf8", timeout: 30_000, maxBuffer: 64 * 1024 * 1024 });
  close();
  rmSync(dir, { recursive: true, force: true });
  const out = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  counts.runs++;
  const problems = [];
  if (r.error?.code === "ETIMEDOUT" || r.signal) (counts.hangs++, problems.push("hang"));
  else if (!expected.includes(r.status)) (counts.wrongExit++, problems.push(`exit ${r.status}`));
  if (STACK_TRACE.test(out)) (counts.stackTraces++, problems.push("stack trace"));
  if (secret && leaks(out, secret)) (counts.leaks++, problems.push("leak"));
  if (where && !r.error && !where.test(out)) (counts.missingLocation++, problems.push("no file/line or message"));
  if (problems.length) failures.push(`${c.name} [${argv.slice(0, 3).join(" ")}]: ${problems.join(", ")}`);
}

for (const c of secretPlacements()) {
  for (const format of FORMATS) await runOne(c, ["check", "--format", format, ...c.argv], c.expectCode !== undefined ? [c.expectCode] : [0, 1], c.where, c.secret);
}
for (const c of badInputs()) await runOne(c, c.argv, Array.isArray(c.code) ? c.code : [c.code], c.where);
// EPIPE: a reader that goes away must not turn a pass into a crash.
{
  const ok = { files: { "a.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n" } };
  const { dir } = await writeCase(ok);
  const r = spawnSync("bash", ["-c", `node ${cli} check --base a.yaml --head a.yaml --format json | head -c 1 >/dev/null; echo "rc=\${PIPESTATUS[0]}"`], { cwd: dir, encoding: "utf8" });
  counts.runs++;
  if (!/rc=0/.test(r.stdout)) (counts.wrongExit++, failures.push(`EPIPE: ${r.stdout.trim()}`));
  if (STACK_TRACE.test(r.stderr)) (counts.stackTraces++, failures.push("EPIPE: stack trace"));
}
console.log(JSON.stringify({ cli, ...counts }, null, 2));
for (const f of failures) console.log(`  ${f}`);
