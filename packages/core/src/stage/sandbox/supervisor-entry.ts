/**
 * Where the supervisor script is. Built package: dist/stage/sandbox/supervisor.js, compiled by
 * tsc next to this file. From sources (vitest): the same .ts closure transpiled on the fly into
 * node_modules/.cache, since node 20 cannot run TypeScript.
 */
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

/** Every file supervisor.ts needs at runtime (checked by dev-transpile). */
export const SUPERVISOR_CLOSURE = ["supervisor", "frame-codec", "protocol", "line-ring", "stream-mux"] as const;

let located: Promise<string> | undefined;

export function supervisorScript(): Promise<string> {
  located ??= locate();
  return located;
}

async function locate(): Promise<string> {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith(".js")) return fileURLToPath(new URL("./supervisor.js", import.meta.url));
  const srcDir = dirname(here);
  // <package>/src/stage/sandbox -> <package>/node_modules/.cache/kubegate-supervisor
  const cacheRoot = join(srcDir, "..", "..", "..", "node_modules", ".cache", "kubegate-supervisor");
  const { transpileClosure } = await import("./dev-transpile.js");
  return join(await transpileClosure(srcDir, SUPERVISOR_CLOSURE, cacheRoot), "supervisor.js");
}
