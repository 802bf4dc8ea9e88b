import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/cli/run-cli.js";

const examples = resolve(import.meta.dirname, "../../../examples");

/** The rule each incident replay must trip: the reason the incident happened. */
const EXPECTED: Record<string, string[]> = {
  "000_7375ecc9ae900139": ["custom-resource-invalid", "route-backend-missing", "crd-without-schema"],
  "001_9b089a1f34e60d91": ["api-version-removed"],
  "002_39c5003ca62642a8": ["acme-storage-ephemeral", "loadbalancer-recreated", "ingress-controller-disrupted"],
  "003_ae69f1f5f80854b3": ["crd-install", "network-policy-isolates-ingress"],
  "004_0bbee5f82e2b96ce": ["tls-source-changed"],
};

async function checkExample(dir: string) {
  let stdout = "";
  let stderr = "";
  const config = join(dir, "kubegate.yaml");
  const code = await runCli(["check", "--base", join(dir, "base"), "--head", join(dir, "head"), "--format", "json", ...(existsSync(config) ? ["--config", config] : [])], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
    cwd: examples,
  });
  if (stderr) throw new Error(stderr);
  return { code, report: JSON.parse(stdout) as { decision: string; findings: Array<{ rule: string; severity: string }> } };
}

describe("examples/incidents: every incident replay is blocked for the reason it happened", () => {
  for (const [name, rules] of Object.entries(EXPECTED)) {
    it(name, async () => {
      const { code, report } = await checkExample(join(examples, "incidents", name));
      expect(report.decision).toBe("block");
      expect(code).toBe(1);
      const fired = new Set(report.findings.map((f) => f.rule));
      for (const rule of rules) expect(fired, `${name} should trip ${rule}`).toContain(rule);
    });
  }

  it("covers every incident folder", () => {
    expect(readdirSync(join(examples, "incidents")).filter((n) => !n.includes(".")).sort()).toEqual(Object.keys(EXPECTED).sort());
  });
});

describe("examples/benign: ordinary changes pass", () => {
  const benign = readdirSync(join(examples, "benign"), { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith("_")).map((d) => d.name);
  it("has benign examples", () => expect(benign.length).toBeGreaterThanOrEqual(3));
  for (const name of benign) {
    it(name, async () => {
      const { code, report } = await checkExample(join(examples, "benign", name));
      expect(report.findings.filter((f) => f.severity === "critical" || f.severity === "high"), JSON.stringify(report.findings, null, 1)).toEqual([]);
      expect(report.decision === "pass" || report.decision === "warn").toBe(true);
      expect(code).toBe(0);
    });
  }
});
