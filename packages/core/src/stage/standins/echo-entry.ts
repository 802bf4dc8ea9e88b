/**
 * Where the echo server script is. Built package: dist/stage/standins/echo-server.js, compiled
 * by tsc next to this file. From sources (vitest): echo-server.ts transpiled on the fly into
 * node_modules/.cache, since node 20 cannot run TypeScript (see sandbox/dev-transpile.ts).
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Every file echo-server.ts needs at runtime (checked by dev-transpile). */
export const ECHO_CLOSURE = ["echo-server", "echo-protocol"] as const;

let located: Promise<string> | undefined;

export function echoServerScript(): Promise<string> {
  located ??= locate();
  return located;
}

async function locate(): Promise<string> {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith(".js")) return fileURLToPath(new URL("./echo-server.js", import.meta.url));
  const srcDir = dirname(here);
  // <package>/src/stage/standins -> <package>/node_modules/.cache/kubegate-standins
  const cacheRoot = join(srcDir, "..", "..", "..", "node_modules", ".cache", "kubegate-standins");
  const { transpileClosure } = await import("../sandbox/dev-transpile.js");
  return join(await transpileClosure(srcDir, ECHO_CLOSURE, cacheRoot), "echo-server.js");
}
