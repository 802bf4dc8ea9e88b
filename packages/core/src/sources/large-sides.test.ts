import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../helm/testing/charts.js";
import { appendAll } from "../util/append-all.js";
import { resolveSources } from "./resolve-sources.js";

describe("large sides", () => {
  it("appendAll takes more items than a spread can pass as arguments", () => {
    const items = Array.from({ length: 500_000 }, (_, i) => i);
    expect(appendAll<number>([], items)).toHaveLength(500_000);
  });

  it("reads a side of 200,000 documents (a spread into push() overflowed the stack)", async () => {
    const dir = await tempDir("kubegate-large-");
    const docs = Array.from({ length: 200_000 }, (_, i) => `---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c${i}}\n`).join("");
    await writeFile(join(dir, "side.yaml"), docs);
    const sources = await resolveSources({ base: ["side.yaml"], head: ["side.yaml"] }, { cwd: dir, maxFileBytes: 1024 * 1024 * 1024, limits: { maxDocuments: 1_000_000 } });
    expect(sources.head).toHaveLength(200_000);
  }, 120_000);
});
