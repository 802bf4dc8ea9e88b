/**
 * Fails when the committed dist/ is not what the sources build to: rebuilds into a temp folder and
 * compares file by file. Run by `pnpm run check-dist` and by test/dist.test.ts (the repository's
 * test command), so a change to src/ or to @kubegate/core without `pnpm run bundle` fails CI.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bundle, PACKAGE_DIR } from "./build.mjs";

async function files(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(full)));
    else out.push(full);
  }
  return out;
}

/** Differences between `committed` and a fresh build, as "<file>: <why>" lines; [] when equal. */
export async function distDifferences(committed = join(PACKAGE_DIR, "dist")) {
  const fresh = await mkdtemp(join(tmpdir(), "kubegate-action-dist-"));
  try {
    await bundle(fresh);
    const a = new Set((await files(committed)).map((f) => relative(committed, f)));
    const b = new Set((await files(fresh)).map((f) => relative(fresh, f)));
    const problems = [];
    for (const f of [...new Set([...a, ...b])].sort()) {
      if (!a.has(f)) problems.push(`dist/${f}: missing (the build makes it)`);
      else if (!b.has(f)) problems.push(`dist/${f}: not made by the build`);
      else if (!(await readFile(join(committed, f))).equals(await readFile(join(fresh, f)))) problems.push(`dist/${f}: differs from a fresh build`);
    }
    return problems;
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problems = await distDifferences();
  if (problems.length > 0) {
    process.stderr.write(`dist/ is stale:\n${problems.map((p) => `  ${p}`).join("\n")}\nRun \`pnpm --filter @kubegate/github-action run bundle\` and commit dist/.\n`);
    process.exitCode = 1;
  } else process.stderr.write("dist/ is up to date\n");
}
