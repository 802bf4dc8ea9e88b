/** action.yml is the action's interface: every input and output described, read and set by the code. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { OUTPUT } from "../src/constants.js";
import { PACKAGE_DIR } from "./helpers.js";

interface ActionYml {
  inputs: Record<string, { description?: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string; post: string };
}

const action = yaml.load(readFileSync(join(PACKAGE_DIR, "action.yml"), "utf8")) as ActionYml;
const inputsSource = readFileSync(join(PACKAGE_DIR, "src", "inputs.ts"), "utf8");

describe("action.yml", () => {
  it("runs dist/index.js on node24 with dist/post.js as the teardown step", () => {
    expect(action.runs).toEqual({ using: "node24", main: "dist/index.js", post: "dist/post.js" });
  });

  it("describes every input, and the code reads each one", () => {
    expect(Object.keys(action.inputs).sort()).toEqual(
      ["base", "base-ref", "chart-repos", "comment", "config", "environment", "fail-on", "gate-on", "github-token", "head", "head-ref", "helm-releases", "kube-version", "paths", "pulumi-preview", "sarif", "stage"].sort(),
    );
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, name).toMatch(/\w{3,}/);
      expect(inputsSource, name).toContain(`"${name}"`);
    }
    expect(action.inputs["paths"]!.default).toBe(".");
    expect(action.inputs["stage"]!.default).toBe("off");
  });

  it("describes every output the code sets", () => {
    expect(Object.keys(action.outputs).sort()).toEqual(Object.values(OUTPUT).sort());
    for (const [name, output] of Object.entries(action.outputs)) expect(output.description, name).toMatch(/\w{3,}/);
  });
});
