import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { valuesWithProvenance } from "./values-provenance.js";

const tree = mkdtempSync(join(tmpdir(), "kg-values-provenance-"));
writeFileSync(join(tree, "shared.yaml"), "replicas: 2\n");
writeFileSync(join(tree, "env.yaml.gotmpl"), "replicas: {{ 3 }}\n");
const outside = mkdtempSync(join(tmpdir(), "kg-values-outside-"));
writeFileSync(join(outside, "defaults.yaml"), "replicas: 9\n");
const paths = { key: (p: string) => p.slice(tree.length + 1), shown: (p: string) => `shown:${p.slice(tree.length + 1)}` };
const release = (embedded: unknown[], named?: unknown[]) => ({ embedded, ...(named ? { named } : {}), stateDir: tree, treeRoot: tree, inline: (j: number) => ({ key: `r#${j}`, shown: `r values ${j + 1}` }) });

describe("helmfile values provenance", () => {
  it("names a plain values file by its key, keeps maps and templated files inline, skips missing files", () => {
    const sources = valuesWithProvenance(release([{ replicas: 2 }, { a: 1 }, { replicas: 3 }], ["shared.yaml", { a: 1 }, "missing.yaml", "env.yaml.gotmpl"]), paths);
    expect(sources).toEqual([
      { kind: "file", path: join(tree, "shared.yaml"), key: "shared.yaml", shown: "shown:shared.yaml" },
      { kind: "inline", values: { a: 1 }, key: "r#1", shown: "r values 2" },
      { kind: "inline", values: { replicas: 3 }, key: "r#2", shown: "r values 3" },
    ]);
  });

  it("keeps everything inline when the lists cannot be aligned (a glob, a count that disagrees)", () => {
    expect(valuesWithProvenance(release([{ replicas: 2 }], ["*.yaml"]), paths).map((s) => s.kind)).toEqual(["inline"]);
    expect(valuesWithProvenance(release([{ replicas: 2 }, { b: 1 }], ["shared.yaml"]), paths).map((s) => s.kind)).toEqual(["inline", "inline"]);
    expect(valuesWithProvenance(release([{ replicas: 2 }]), paths).map((s) => s.kind)).toEqual(["inline"]);
  });

  it("never hands helm a values file outside the repository by path", () => {
    const sources = valuesWithProvenance(release([{ replicas: 9 }], [join(outside, "defaults.yaml")]), paths);
    expect(sources.map((s) => s.kind)).toEqual(["inline"]);
  });
});
