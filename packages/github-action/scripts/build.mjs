/**
 * Bundles the action into <outdir> (default dist/): index.js (main step) and post.js (teardown),
 * ES modules for node20 with every dependency inlined (an action runs without node_modules), and
 * a package.json that marks them as ES modules. Deterministic, so check-dist can compare builds.
 *
 *   node scripts/build.mjs [outdir]
 */
import { build } from "esbuild";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bundledModels } from "./bundled-models.mjs";

export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export async function bundle(outdir) {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: PACKAGE_DIR,
    entryPoints: { index: "src/index.ts", post: "src/post.ts" },
    outdir,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    // CommonJS dependencies bundled into an ES module still call require() for node built-ins.
    banner: { js: 'import { createRequire as __kubegateCreateRequire } from "node:module";\nconst require = __kubegateCreateRequire(import.meta.url);' },
    legalComments: "eof",
    minifySyntax: true,
    minifyWhitespace: true,
    minifyIdentifiers: true,
    metafile: true,
    logLevel: "warning",
    plugins: [bundledModels()],
  });
  await writeFile(resolve(outdir, "package.json"), `${JSON.stringify({ type: "module" }, null, 2)}\n`);
  return result;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = resolve(PACKAGE_DIR, process.argv[2] ?? "dist");
  const result = await bundle(outdir);
  for (const [file, info] of Object.entries(result.metafile.outputs)) {
    process.stderr.write(`${file}: ${(info.bytes / 1024 / 1024).toFixed(2)} MiB\n`);
  }
}
