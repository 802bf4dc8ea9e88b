import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");

it("the library example in README.md runs and blocks incident 002", async () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const code = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(code).toBeDefined();
  // Same code, with the package import pointed at the sources and paths at the repository root.
  const runnable = code!
    .replace(`from "@kubegate/core"`, `from ${JSON.stringify(join(root, "src/index.js"))}`)
    .replace(/"examples\//g, `"${resolve(root, "../../examples")}/`)
    .replace("console.log(", "void (");
  const dir = join(root, "test", ".generated");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "readme-example.ts");
  writeFileSync(file, runnable);
  const { outcome } = await import(file);
  expect(outcome.decision).toBe("block");
  expect(outcome.exitCode).toBe(1);
  expect(outcome.blocked).toContain("loadbalancer-recreated");
});
