/**
 * Where the supervisor script is:
 * - built package: dist/stage/sandbox/supervisor.js, compiled by tsc next to this file;
 * - a bundle that inlines this module (the GitHub Action's dist/index.js): `import.meta.url` is
 *   the bundle, and the bundle's build writes the supervisor beside it, self-contained, as
 *   BUNDLED_SUPERVISOR (packages/github-action/scripts/build.mjs);
 * - from TypeScript sources (vitest): the same .ts closure transpiled on the fly into
 *   node_modules/.cache, since node 20 cannot run TypeScript.
 */
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { firstExisting } from "./dev-transpile.js";

/** Every file supervisor.ts needs at runtime (checked by dev-transpile). */
export const SUPERVISOR_CLOSURE = ["supervisor", "frame-codec", "protocol", "line-ring", "stream-mux"] as const;

/** The supervisor's file name beside a bundle that inlines this module (one file, node builtins only). */
export const BUNDLED_SUPERVISOR = "sandbox-supervisor.js";

let located: Promise<string> | undefined;

export function supervisorScript(): Promise<string> {
  located ??= locate();
  return located;
}

async function locate(): Promise<string> {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith(".js")) return firstExisting("sandbox supervisor", [new URL("./supervisor.js", import.meta.url), new URL(`./${BUNDLED_SUPERVISOR}`, import.meta.url)]);
  const srcDir = dirname(here);
  // <package>/src/stage/sandbox -> <package>/node_modules/.cache/kubegate-supervisor
  const cacheRoot = join(srcDir, "..", "..", "..", "node_modules", ".cache", "kubegate-supervisor");
  const { transpileClosure } = await import("./dev-transpile.js");
  return join(await transpileClosure(srcDir, SUPERVISOR_CLOSURE, cacheRoot), "supervisor.js");
}
