/**
 * Running from TypeScript sources (vitest, no build): the supervisor must still run under
 * plain `node` inside the namespace, so its closure is transpiled on the fly with the
 * `typescript` dev dependency. Published builds never get here: dist/ already holds the
 * compiled supervisor.js (see supervisor-entry.ts), and a bundle holds its own copy beside it.
 * Also: firstExisting, how built code picks its script among the layouts it may run from.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, posix } from "node:path";

/**
 * Transpiles `names` (paths relative to srcDir without `.ts`, "/"-separated) into a
 * content-addressed folder under cacheRoot, keeping their relative layout, and returns that
 * folder. Only `node:` imports and relative imports of files in the list are allowed, so a
 * supervisor change that pulls in more code fails loudly here.
 */
export async function transpileClosure(srcDir: string, names: readonly string[], cacheRoot: string): Promise<string> {
  const sources = new Map<string, string>();
  const hash = createHash("sha256");
  for (const name of names) {
    const text = await readFile(join(srcDir, `${name}.ts`), "utf8");
    sources.set(name, text);
    hash.update(name).update("\0").update(text).update("\0");
  }
  const outDir = join(cacheRoot, hash.digest("hex").slice(0, 16));
  if (await exists(join(outDir, "package.json"))) return outDir;

  const ts = (await import("typescript")).default;
  const staging = `${outDir}.tmp-${process.pid}`;
  await mkdir(staging, { recursive: true });
  try {
    for (const [name, text] of sources) {
      checkImports(name, text, names);
      const out = ts.transpileModule(text, {
        fileName: `${name}.ts`,
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, isolatedModules: true },
      });
      await mkdir(dirname(join(staging, `${name}.js`)), { recursive: true });
      await writeFile(join(staging, `${name}.js`), out.outputText);
    }
    // Last, so a folder with package.json is always complete.
    await writeFile(join(staging, "package.json"), '{ "type": "module" }\n');
    await rename(staging, outDir).catch(async (err: NodeJS.ErrnoException) => {
      // Another process finished the same closure first: theirs is identical.
      if (!(await exists(join(outDir, "package.json")))) throw err;
    });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return outDir;
}

/**
 * The first of `candidates` (file URLs beside the running module) that exists: the compiled
 * package's file, or the copy a bundler's build wrote beside its bundle. Fails naming every
 * place it looked, so a bundle shipped without its scripts says so instead of failing later.
 */
export function firstExisting(what: string, candidates: readonly URL[]): string {
  const paths = candidates.map((url) => fileURLToPath(url));
  const found = paths.find((p) => existsSync(p));
  if (found === undefined) throw new Error(`cannot find the ${what} script: looked for ${paths.join(", ")}`);
  return found;
}

function checkImports(name: string, text: string, allowed: readonly string[]): void {
  for (const m of text.matchAll(/^\s*import\s+(type\s+)?[^;]*?from\s+"([^"]+)"/gms)) {
    const typeOnly = m[1] !== undefined;
    const spec = m[2]!;
    if (typeOnly || spec.startsWith("node:")) continue;
    const relativeSpec = /^\.\.?\/[\w./-]+\.js$/.test(spec);
    const local = relativeSpec ? posix.normalize(posix.join(posix.dirname(name), spec.slice(0, -3))) : undefined;
    if (local === undefined || !allowed.includes(local)) {
      throw new Error(`${name}.ts imports ${spec}, which is not part of the transpiled closure (${allowed.join(", ")})`);
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
