import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");

it("the library example in README.md runs and blocks incident 002", { timeout: 300_000 }, async () => {
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

it("every TypeScript example in README.md type-checks against the public API", async () => {
  const ts = (await import("typescript")).default;
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks.length).toBeGreaterThanOrEqual(2);
  const dir = join(root, "test", ".generated");
  mkdirSync(dir, { recursive: true });
  const files = blocks.map((code, i) => {
    const file = join(dir, `readme-typecheck-${i}.ts`);
    writeFileSync(file, code.replace(`from "@kubegate/core"`, `from ${JSON.stringify(join(root, "src/index.js"))}`));
    return file;
  });
  const program = ts.createProgram(files, {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
    exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true, skipLibCheck: true, types: ["node"],
  });
  const errors = ts.getPreEmitDiagnostics(program).filter((d) => d.file && files.includes(d.file.fileName));
  expect(errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
}, 300_000);
