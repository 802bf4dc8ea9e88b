/**
 * Where the echo server script is:
 * - built package: dist/stage/standins/echo-server.js, compiled by tsc next to this file;
 * - a bundle that inlines this module (the GitHub Action's dist/index.js): the bundle's build
 *   writes it beside the bundle, self-contained, as BUNDLED_ECHO_SERVER
 *   (packages/github-action/scripts/build.mjs);
 * - from TypeScript sources (vitest): echo-server.ts transpiled on the fly into
 *   node_modules/.cache, since node 20 cannot run TypeScript (see sandbox/dev-transpile.ts).
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { firstExisting } from "../sandbox/dev-transpile.js";

/** Every file echo-server.ts needs at runtime (checked by dev-transpile). */
export const ECHO_CLOSURE = ["echo-server", "echo-protocol"] as const;

/** The echo server's file name beside a bundle that inlines this module (one file, node builtins only). */
export const BUNDLED_ECHO_SERVER = "echo-server.js";

let located: Promise<string> | undefined;

export function echoServerScript(): Promise<string> {
  located ??= locate();
  return located;
}

async function locate(): Promise<string> {
  const here = fileURLToPath(import.meta.url);
  // In the package layout and in a bundle the file has the same name, beside this module.
  if (here.endsWith(".js")) return firstExisting("stand-in echo server", [new URL(`./${BUNDLED_ECHO_SERVER}`, import.meta.url)]);
  const srcDir = dirname(here);
  // <package>/src/stage/standins -> <package>/node_modules/.cache/kubegate-standins
  const cacheRoot = join(srcDir, "..", "..", "..", "node_modules", ".cache", "kubegate-standins");
  const { transpileClosure } = await import("../sandbox/dev-transpile.js");
  return join(await transpileClosure(srcDir, ECHO_CLOSURE, cacheRoot), "echo-server.js");
}
