/**
 * Bundles the action into <outdir> (default dist/): index.js (main step) and post.js (teardown),
 * ES modules for node24 with every dependency inlined (an action runs without node_modules), and
 * a package.json that marks them as ES modules. Deterministic, so check-dist can compare builds.
 *
 * Staging also runs two scripts of @kubegate/core as processes of their own (the sandbox's PID 1
 * and the stand-in backends), which core finds beside its module at run time; inlined into
 * index.js, that module is index.js, so they are written beside it (SCRIPTS), each bundled into
 * one file that may import node builtins only.
 *
 *   node scripts/build.mjs [outdir]
 */
import { build } from "esbuild";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { builtinModules, createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bundledModels } from "./bundled-models.mjs";

export const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** @kubegate/core's compiled modules (dist/), as the bundle resolves them. */
const CORE_DIST = dirname(fileURLToPath(import.meta.resolve("@kubegate/core")));

/**
 * Output file -> core module, for the scripts core runs as separate processes. The output names
 * are the BUNDLED_SUPERVISOR / BUNDLED_ECHO_SERVER names core looks for beside its module
 * (stage/sandbox/supervisor-entry.ts, stage/standins/echo-entry.ts); test/dist.test.ts checks
 * that the bundle finds and starts them.
 */
export const SCRIPTS = {
  "sandbox-supervisor": "stage/sandbox/supervisor.js",
  "echo-server": "stage/standins/echo-server.js",
};

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/**
 * Node's built-in `punycode` is deprecated (DEP0040): Node 22+ prints a deprecation warning into
 * the action's log as soon as a dependency requires it (tr46 under node-fetch, ajv-formats-draft2019).
 * Those requires get the userland package of the same API (`punycode/`, as its README advises).
 */
function userlandPunycode() {
  const path = createRequire(import.meta.url).resolve("punycode/");
  return { name: "userland-punycode", setup: (b) => b.onResolve({ filter: /^(node:)?punycode$/ }, () => ({ path })) };
}

export async function bundle(outdir) {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: PACKAGE_DIR,
    entryPoints: { index: "src/index.ts", post: "src/post.ts" },
    outdir,
    bundle: true,
    platform: "node",
    target: "node24",
    format: "esm",
    // CommonJS dependencies bundled into an ES module still call require() for node built-ins,
    // and some read __dirname/__filename when they load (ssh2, under testcontainers).
    banner: {
      js: [
        'import { createRequire as __kubegateCreateRequire } from "node:module";',
        'import { dirname as __kubegateDirname } from "node:path";',
        'import { fileURLToPath as __kubegateFileURLToPath } from "node:url";',
        "const require = __kubegateCreateRequire(import.meta.url);",
        "const __filename = __kubegateFileURLToPath(import.meta.url);",
        "const __dirname = __kubegateDirname(__filename);",
      ].join("\n"),
    },
    legalComments: "eof",
    minifySyntax: true,
    minifyWhitespace: true,
    minifyIdentifiers: true,
    metafile: true,
    logLevel: "warning",
    plugins: [bundledModels(), userlandPunycode()],
    // typescript: only core's run-from-TypeScript-sources path imports it
    // (stage/sandbox/dev-transpile.ts); a bundle runs compiled code and never gets there.
    // cpu-features: a native addon ssh2 (testcontainers' Docker client, for the kind and k3s
    // providers) loads optionally, inside a try: without it ssh2 uses its JavaScript code.
    external: ["typescript", "cpu-features"],
  });
  const scripts = await build({
    absWorkingDir: PACKAGE_DIR,
    entryPoints: Object.fromEntries(Object.entries(SCRIPTS).map(([name, file]) => [name, join(CORE_DIST, file)])),
    outdir,
    bundle: true,
    platform: "node",
    target: "node24",
    format: "esm",
    legalComments: "eof",
    minifySyntax: true,
    minifyWhitespace: true,
    minifyIdentifiers: true,
    metafile: true,
    logLevel: "warning",
  });
  for (const [file, output] of Object.entries(scripts.metafile.outputs)) {
    const foreign = output.imports.filter((i) => !BUILTINS.has(i.path)).map((i) => i.path);
    const packages = Object.keys(output.inputs).filter((i) => i.split(/[\\/]/).includes("node_modules") && !resolve(PACKAGE_DIR, i).startsWith(CORE_DIST));
    if (foreign.length > 0 || packages.length > 0) {
      throw new Error(`${file} must use node builtins only (it runs without node_modules), but imports ${[...foreign, ...packages].join(", ")}`);
    }
  }
  await writeFile(resolve(outdir, "package.json"), `${JSON.stringify({ type: "module" }, null, 2)}\n`);
  return { ...result, metafile: { ...result.metafile, outputs: { ...result.metafile.outputs, ...scripts.metafile.outputs } } };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outdir = resolve(PACKAGE_DIR, process.argv[2] ?? "dist");
  const result = await bundle(outdir);
  for (const [file, info] of Object.entries(result.metafile.outputs)) {
    process.stderr.write(`${file}: ${(info.bytes / 1024 / 1024).toFixed(2)} MiB\n`);
  }
}
