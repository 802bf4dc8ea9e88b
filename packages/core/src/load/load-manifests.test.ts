import { mkdtemp, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../model/input-error.js";
import { loadManifests, parseSources } from "./load-manifests.js";

const yamlSource = (text: string, file = "m.yaml") => ({ file, text, format: "yaml" as const });

function problemsOf(fn: () => unknown): InputError["problems"] {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error.problems;
    throw error;
  }
  throw new Error("expected an InputError");
}

describe("loadManifests", () => {
  it("reads multi-document YAML with the line and index of every document", () => {
    const objects = parseSources([yamlSource("# header\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n")]);
    expect(objects.map((o) => [o.object.metadata.name, o.source.line, o.source.documentIndex])).toEqual([["a", 2, 0], ["b", 8, 1]]);
  });

  it("reads a %YAML directive as part of the document its marker starts", () => {
    const objects = parseSources([yamlSource("%YAML 1.2\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n")]);
    expect(objects.map((o) => [o.object.metadata.name, o.source.documentIndex])).toEqual([["a", 0], ["b", 1]]);
  });

  it("keeps Helm `# Source:` comments as provenance", () => {
    const text = "---\n# Source: traefik/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata: {name: traefik}\n";
    expect(parseSources([yamlSource(text)])[0]!.source.helmSource).toBe("traefik/templates/service.yaml");
  });

  it("unwraps List kinds", () => {
    const text = "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n- {apiVersion: v1, kind: Secret, metadata: {name: b}}\n";
    expect(parseSources([yamlSource(text)]).map((o) => o.object.kind)).toEqual(["ConfigMap", "Secret"]);
  });

  it("names file, line and document of invalid YAML and keeps going to report every problem", () => {
    const text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: [oops\n---\n- just\n- a list\n";
    const problems = problemsOf(() => parseSources([yamlSource(text, "bad.yaml")]));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatchObject({ file: "bad.yaml", documentIndex: 1, line: 7 });
    expect(problems[0]!.message).toMatch(/invalid YAML/);
    expect(problems[1]).toMatchObject({ documentIndex: 2, message: expect.stringMatching(/a list, not a Kubernetes object/) });
  });

  it("rejects duplicate keys, which kubectl would silently collapse", () => {
    const problems = problemsOf(() => parseSources([yamlSource("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  k: 1\n  k: 2\n")]));
    expect(problems[0]!.message).toMatch(/duplicated mapping key/);
    expect(problems[0]!.line).toBe(6);
  });

  it("rejects objects without kind or name", () => {
    const problems = problemsOf(() => parseSources([yamlSource("apiVersion: v1\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Service\nmetadata: {}\n")]));
    expect(problems.map((p) => p.message)).toEqual(["object has no kind", "Service object has no metadata.name"]);
  });

  it("reads an empty {} document as no object, like an empty one", () => {
    expect(parseSources([yamlSource("{}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n")]).map((o) => o.object.metadata.name)).toEqual(["a"]);
  });

  it("names an object that only has metadata.generateName after it (the API server appends a random suffix)", () => {
    const [job] = parseSources([yamlSource("apiVersion: batch/v1\nkind: Job\nmetadata: {generateName: pi-}\nspec: {}\n")]);
    expect(job!.object.metadata.name).toBe("pi-generated");
  });

  it("stops YAML alias bombs instead of expanding them (the test timeout catches a hang)", () => {
    const lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 0; i < 8; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(", ")}]`);
    const text = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n${lines.map((l) => `  ${l}`).join("\n")}\n`;
    const problems = problemsOf(() => parseSources([yamlSource(text)]));
    expect(problems[0]!.message).toMatch(/alias bomb/);
  });

  it("reads folders recursively, JSON files, and stdin", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kubegate-load-"));
    await mkdir(join(dir, "sub"));
    await writeFile(join(dir, "sub", "a.yml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
    await writeFile(join(dir, "b.json"), JSON.stringify({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "b" } }));
    await writeFile(join(dir, "notes.txt"), "not a manifest");
    const objects = await loadManifests([dir, "-"], { stdin: async () => "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n" });
    expect(objects.map((o) => o.object.metadata.name).sort()).toEqual(["a", "b", "c"]);
    expect(objects.find((o) => o.object.metadata.name === "c")!.source.file).toBe("<stdin>");
  });

  it("refuses files over the size limit with a clear error", async () => {
    const dir = await mkdtemp(join(tmpdir(), "kubegate-load-"));
    await writeFile(join(dir, "big.yaml"), "x".repeat(2048));
    await expect(loadManifests([join(dir, "big.yaml")], { maxFileBytes: 1024 })).rejects.toThrow(/over the 0.0 MiB limit|over the .* limit/);
  });

  it("names a missing path", async () => {
    await expect(loadManifests(["/no/such/dir"])).rejects.toThrow(/no such file or folder/);
  });
});
