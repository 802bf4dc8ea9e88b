import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../cli/run-cli.js";

const FIXTURE = join(import.meta.dirname, "fixtures", "lb-replaced-in-place.json");

async function cli(argv: string[], stdin?: string) {
  let [stdout, stderr] = ["", ""];
  const code = await runCli(argv, {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: { NO_COLOR: "1" },
    cwd: process.cwd(),
    ...(stdin !== undefined ? { readStdin: async () => stdin } : {}),
  });
  return { code, stdout, stderr };
}

describe("kubegate check --pulumi-preview", () => {
  it("blocks Pulumi's replace of the LoadBalancer Service (exit 1), naming the preview file, line and URN", async () => {
    const r = await cli(["check", "--pulumi-preview", FIXTURE, "--format", "json"]);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.decision).toBe("block");
    expect(json.findings.find((f: { rule: string }) => f.rule === "loadbalancer-recreated")).toMatchObject({
      file: FIXTURE,
      line: 42,
      urn: "urn:pulumi:dev::kubegate-example::kubernetes:core/v1:Service::traefik",
      resource: { kind: "Service", namespace: "traefik", name: "traefik" },
    });
    expect(json.changes.find((c: { op: string }) => c.op === "replace").replaceReasons).toEqual(["pulumi preview plans a replace (replaceReasons: spec)"]);
    expect(r.stdout + r.stderr).not.toContain("pilot-token-s3cr3t-value");
  });

  it("reads the preview from stdin with -, and prints the URN in text reports", async () => {
    const r = await cli(["check", "--pulumi-preview", "-"], await readFile(FIXTURE, "utf8"));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("<stdin>:42");
    expect(r.stdout).toContain("urn urn:pulumi:dev::kubegate-example::kubernetes:core/v1:Service::traefik");
    expect(r.stdout).not.toContain("pilot-token-s3cr3t-value");
  });

  it("is a usage error together with --base/--head (exit 2), bad input on a non-preview file (exit 2)", async () => {
    expect((await cli(["check", "--pulumi-preview", FIXTURE, "--base", FIXTURE])).code).toBe(2);
    const r = await cli(["check", "--pulumi-preview", "-"], "Previewing update (dev):");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("<stdin>:1:1: not the JSON of `pulumi preview --json`: invalid JSON: unexpected character");
  });
});
