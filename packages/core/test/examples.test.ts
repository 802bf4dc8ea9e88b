import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureTools } from "../src/stage/tools/build-tool.js";
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

async function checkExample(dir: string, base = "base", head = "head") {
  let stdout = "";
  let stderr = "";
  const config = join(dir, "kubegate.yaml");
  const code = await runCli(["check", "--base", join(dir, base), "--head", join(dir, head), "--format", "json", ...(existsSync(config) ? ["--config", config] : [])], {
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
    cwd: examples,
  });
  // Helm examples report their renders on stderr; a bad-input or internal exit is a broken example.
  if (code === 2 || code === 3) throw new Error(stderr);
  return { code, report: JSON.parse(stdout) as { decision: string; findings: Array<{ rule: string; severity: string; baseline?: string; message: string; resource: { name: string } }> } };
}

/** Blocking-severity findings that gate: what the change introduces (new or updated against base). */
const gating = (findings: Array<{ severity: string; baseline?: string }>) => findings.filter((f) => (f.severity === "critical" || f.severity === "high") && f.baseline !== "unchanged");

describe("examples/incidents: every incident replay is blocked for the reason it happened", () => {
  for (const [name, rules] of Object.entries(EXPECTED)) {
    it(name, async () => {
      const { code, report } = await checkExample(join(examples, "incidents", name));
      expect(report.decision).toBe("block");
      expect(code).toBe(1);
      const fired = new Set(report.findings.map((f) => f.rule));
      for (const rule of rules) expect(fired, `${name} should trip ${rule}`).toContain(rule);
      // It blocks on what the change introduces, not on debt base already had.
      expect(gating(report.findings).length).toBeGreaterThan(0);
    });
  }

  it("covers every incident folder", () => {
    expect(readdirSync(join(examples, "incidents")).filter((n) => !n.includes(".")).sort()).toEqual(Object.keys(EXPECTED).sort());
  });
});

describe("examples/incidents/004_0bbee5f82e2b96ce/sidecar: TLS ended by a sidecar behind a Service", () => {
  const sidecar = join(examples, "incidents/004_0bbee5f82e2b96ce/sidecar");

  it("blocks the shared-default switch to cert-manager, naming the name mw-api-ext:4447 loses", async () => {
    const { code, report } = await checkExample(sidecar);
    expect(code).toBe(1);
    const lost = gating(report.findings).filter((f) => f.rule === "tls-coverage-lost");
    expect(lost.map((f) => [f.severity, f.resource.name])).toEqual([["critical", "mediawiki-mw-api-ext"]]);
    expect(lost[0]!.message).toContain("Service mw-api-ext/mediawiki-mw-api-ext port 4447 (release mw-api-ext");
    expect(lost[0]!.message).toContain("no longer covers name api-ext.discovery.wmnet");
  });

  it("does not block the change undone (examples/fixes/incident-004-sidecar-reverted): names only come back; the CA change warns", async () => {
    const { code, report } = await checkExample(join(examples, "fixes/incident-004-sidecar-reverted"));
    expect(code).toBe(0);
    expect(report.findings.filter((f) => f.rule === "tls-coverage-lost").map((f) => f.severity)).toEqual(["warning", "warning"]);
  });

  it("passes the fix (mw-api-ext names its own extra name)", async () => {
    const { code, report } = await checkExample(sidecar, "head", "fix");
    expect(report.findings).toEqual([]);
    expect(report.decision).toBe("pass");
    expect(code).toBe(0);
  });
});

describe("examples/benign: ordinary changes pass", () => {
  const benign = readdirSync(join(examples, "benign"), { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith("_")).map((d) => d.name);
  it("has benign examples", () => expect(benign.length).toBeGreaterThanOrEqual(3));
  for (const name of benign) {
    it(name, async () => {
      const { code, report } = await checkExample(join(examples, "benign", name));
      expect(gating(report.findings), JSON.stringify(report.findings, null, 1)).toEqual([]);
      expect(report.decision === "pass" || report.decision === "warn").toBe(true);
      expect(code).toBe(0);
    });
  }
});

describe("examples/benign/old-debt: debt base already had is listed, not gated", () => {
  it("the untouched policy/v1beta1 PodSecurityPolicy is unchanged and the image bump passes", async () => {
    const { code, report } = await checkExample(join(examples, "benign", "old-debt"));
    expect(code).toBe(0);
    expect(report.decision).toBe("pass");
    // The TLS Secret the Ingress names is not in the repository: named (unchecked), unchanged, not gated.
    expect(report.findings.map((f) => [f.rule, f.baseline])).toEqual([["api-version-removed", "unchanged"], ["route-backend-missing", "unchanged"]]);
  });
});

describe("examples/fixes: the dangerous changes undone do not block", () => {
  const fixes = readdirSync(join(examples, "fixes"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  it("has fixes", () => expect(fixes.length).toBeGreaterThanOrEqual(2));
  for (const name of fixes) {
    it(name, async () => {
      const { code, report } = await checkExample(join(examples, "fixes", name));
      expect(gating(report.findings), JSON.stringify(report.findings, null, 1)).toEqual([]);
      expect(code).toBe(0);
    });
  }
});

describe("examples/helm-global-defaults: the shared default that broke an unrelated release blocks", () => {
  it("blocks", async () => {
    const { code } = await checkExample(join(examples, "helm-global-defaults"));
    expect(code).toBe(1);
  });
});

describe("examples/migrations/ingress-nginx-to-gateway-api: a Flux repository moving off ingress-nginx", () => {
  const migration = join(examples, "migrations/ingress-nginx-to-gateway-api");
  beforeAll(async () => {
    await ensureTools(["kustomize"]);
  }, 60 * 60_000);

  it("step 1, Envoy Gateway and an HTTPRoute beside ingress-nginx: passes", async () => {
    const { code, report } = await checkExample(join(migration, "1-run-side-by-side"));
    expect([code, report.decision, report.findings]).toEqual([0, "pass", []]);
  });

  it("step 2, ingress-nginx retired once every host has a route through the new controller: warns about DNS", async () => {
    const { code, report } = await checkExample(join(migration, "2-retire-ingress-nginx"));
    expect([code, report.decision]).toEqual([0, "warn"]);
    expect(report.findings.map((f) => [f.rule, f.severity])).toEqual([["ingress-controller-disrupted", "warning"]]);
    expect(report.findings[0]!.message).toContain("every host it serves (shop.example.com) is already routed through another controller at base");
  });

  it("big bang, ingress-nginx removed in the change that adds Envoy Gateway: blocks, naming the host", async () => {
    const { code, report } = await checkExample(join(migration, "big-bang"));
    expect([code, report.decision]).toEqual([1, "block"]);
    expect(report.findings.map((f) => [f.rule, f.severity])).toEqual([["ingress-controller-disrupted", "critical"]]);
    expect(report.findings[0]!.message).toContain("every host it serves (shop.example.com) stops answering; head installs HelmRelease envoy-gateway-system/envoy-gateway");
  });
});
