import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.js";
import { findHelm } from "../helm/helm-binary.js";

// Every example of the repository, judged statically by the CLI as a user runs it: incident
// replays block on what the change introduces, benign changes and fixes do not.
const repoRoot = resolve(import.meta.dirname, "../../../..");
const examples = join(repoRoot, "examples");

interface Report {
  decision: string;
  findings: Array<{ rule: string; severity: string; baseline: string; acknowledged?: string }>;
  resolved: unknown[];
}

async function check(dir: string): Promise<{ code: number; report: Report }> {
  let stdout = "";
  const io = { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: () => {} }, env: {}, cwd: repoRoot };
  const code = await runCli(["check", "--base", join(dir, "base"), "--head", join(dir, "head"), "--format", "json"], io);
  return { code, report: JSON.parse(stdout) as Report };
}

const blocking = (r: Report) => r.findings.filter((f) => (f.severity === "critical" || f.severity === "high") && !f.acknowledged && f.baseline !== "unchanged");

beforeAll(async () => {
  await findHelm(); // the Helm examples render with real helm
}, 900_000);

describe("examples, judged statically", () => {
  const incidents = ["000_7375ecc9ae900139", "000_7375ecc9ae900139/traefik-v3.6", "001_9b089a1f34e60d91", "002_39c5003ca62642a8", "003_ae69f1f5f80854b3", "004_0bbee5f82e2b96ce"];
  it.each(incidents)("incident %s blocks on findings the change introduces", async (name) => {
    const { code, report } = await check(join(examples, "incidents", name));
    expect(code).toBe(1);
    expect(report.decision).toBe("block");
    expect(blocking(report).length).toBeGreaterThan(0);
    expect(blocking(report).every((f) => f.baseline === "new" || f.baseline === "updated")).toBe(true);
  });

  it("the Helm global-defaults change blocks", async () => {
    expect((await check(join(examples, "helm-global-defaults"))).code).toBe(1);
  });

  const benign = ["gateway-api", "image-bump", "new-host", "scaling", "traefik-patch", "wildcard-host"];
  it.each(benign)("benign %s passes", async (name) => {
    const { code, report } = await check(join(examples, "benign", name));
    expect(code).toBe(0);
    expect(report.decision).toBe("pass");
  });

  it("benign old-debt passes: the untouched removed API is listed as unchanged, not gating", async () => {
    const { code, report } = await check(join(examples, "benign/old-debt"));
    expect(code).toBe(0);
    expect(report.decision).toBe("pass");
    expect(report.findings.map((f) => [f.rule, f.baseline])).toEqual([["api-version-removed", "unchanged"]]);
  });

  it.each(["incident-004-reverted", "helm-global-defaults-reverted"])("fix %s (the change undone) does not block", async (name) => {
    const { code, report } = await check(join(examples, "fixes", name));
    expect(code).toBe(0);
    expect(blocking(report)).toEqual([]);
  });
});
