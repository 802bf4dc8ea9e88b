/** The copy-paste workflow users start from: shown in the README as is, and only using real inputs. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { PACKAGE_DIR, REPO_ROOT } from "./helpers.js";

const text = readFileSync(join(REPO_ROOT, "examples", "github", "workflow.yml"), "utf8");
const workflow = yaml.load(text) as {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, { needs?: string; steps: Array<{ uses?: string; with?: Record<string, unknown> }> }>;
};
const action = yaml.load(readFileSync(join(PACKAGE_DIR, "action.yml"), "utf8")) as { inputs: Record<string, unknown> };

describe("examples/github/workflow.yml", () => {
  it("is the workflow the README shows", () => {
    expect(readFileSync(join(PACKAGE_DIR, "README.md"), "utf8")).toContain(text.trimEnd());
  });

  it("runs on pull requests with full history, the kubegate action and upload-sarif", () => {
    expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
    expect(workflow.permissions).toEqual({ contents: "read", "pull-requests": "write", "security-events": "write" });
    const steps = Object.values(workflow.jobs)[0]!.steps;
    expect(steps[0]).toMatchObject({ uses: expect.stringMatching(/^actions\/checkout@/), with: { "fetch-depth": 0 } });
    const gate = steps.find((s) => s.uses?.includes("packages/github-action"))!;
    for (const key of Object.keys(gate.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
    expect(steps.at(-1)).toMatchObject({ uses: expect.stringMatching(/^github\/codeql-action\/upload-sarif@/), with: { sarif_file: "${{ steps.kubegate.outputs.sarif-path }}" } });
  });

  it("shows the staged variant: after the static job, Go set up for a tools cache miss, stage: local", () => {
    const staged = workflow.jobs["kubegate-staged"]!;
    expect(staged.needs).toBe("kubegate");
    const uses = staged.steps.map((s) => s.uses ?? "");
    const setupGo = uses.findIndex((u) => u.startsWith("actions/setup-go@"));
    const gate = uses.findIndex((u) => u.includes("packages/github-action"));
    expect(setupGo).toBeGreaterThan(0);
    expect(gate).toBeGreaterThan(setupGo);
    expect(staged.steps[gate]!.with).toMatchObject({ stage: "local" });
    for (const key of Object.keys(staged.steps[gate]!.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
  });
});
