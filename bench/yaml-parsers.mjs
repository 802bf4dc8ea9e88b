#!/usr/bin/env node
// Issue 18's question before choosing a YAML parser: js-yaml (what the loader uses) against the
// `yaml` package (its parser and its composer, as used for documents), on the 10,000-resource
// change of bench/check-vs-dyff.mjs, in the same run. Prints best-of-N times and the ratio.
// Usage: node bench/yaml-parsers.mjs [resources=10000] [runs=5]
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const n = Number(process.argv[2] ?? 10_000);
const runs = Number(process.argv[3] ?? 5);
const dir = join(root, "bench", "out", `change-${n}`);
if (!existsSync(join(dir, "head.yaml"))) execFileSync("node", [join(root, "bench", "generate-change.mjs"), String(n), dir], { stdio: "inherit" });
const text = readFileSync(join(dir, "head.yaml"), "utf8");

// js-yaml as the core package resolves it; `yaml` is a root dev dependency for this comparison.
const jsYaml = await import(createRequire(join(root, "packages", "core", "package.json")).resolve("js-yaml"));
const yaml = await import(createRequire(join(root, "package.json")).resolve("yaml"));

function best(f) {
  let min = Infinity;
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    f();
    min = Math.min(min, performance.now() - t);
  }
  return min;
}

const js = best(() => jsYaml.loadAll(text));
const parsed = best(() => yaml.parseAllDocuments(text).map((d) => d.toJS()));
console.log(`${n} resources, ${(text.length / 1e6).toFixed(1)} MB, best of ${runs}`);
console.log(`  js-yaml loadAll:                   ${js.toFixed(0)} ms`);
console.log(`  yaml parseAllDocuments + toJS:     ${parsed.toFixed(0)} ms  (${(parsed / js).toFixed(1)}x js-yaml)`);
