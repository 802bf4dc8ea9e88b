import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";

/**
 * Rules run synchronously, but the schema libraries ship one ES module per type. Node >= 20.19
 * (and >= 22.12) can `require()` an ES module synchronously, so each type is loaded on first use
 * instead of importing thousands of modules up front.
 */
const require = createRequire(import.meta.url);

/** Root folder of an installed package (its package.json must be resolvable). */
export function packageRoot(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

/** The module at `file`, or undefined when there is no such file. */
export function loadModule(file: string): Record<string, unknown> | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return require(file) as Record<string, unknown>;
  } catch (error) {
    if ((error as { code?: string }).code === "ERR_REQUIRE_ESM") {
      throw new Error(`loading ${file} needs Node.js >= 20.19 or >= 22.12 (synchronous require of ES modules); this is Node.js ${process.versions.node}`);
    }
    throw error;
  }
}
