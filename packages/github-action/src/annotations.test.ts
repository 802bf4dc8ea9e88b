import { beforeEach, describe, expect, it, vi } from "vitest";

vi.mock("@actions/core", () => ({ error: vi.fn(), warning: vi.fn(), notice: vi.fn() }));

import * as core from "@actions/core";
import { check, type Finding } from "@kubegate/core";
import { join } from "node:path";
import { INCIDENT, REPO_ROOT } from "../test/helpers.js";
import { annotateFindings, annotationKind } from "./annotations.js";

const finding = (over: Partial<Finding> = {}): Finding => ({
  rule: "loadbalancer-recreated",
  severity: "critical",
  resource: { apiVersion: "v1", kind: "Service", namespace: "traefik", name: "traefik" },
  message: "recreated",
  file: "deploy/traefik.yaml",
  line: 12,
  ...over,
});

beforeEach(() => vi.clearAllMocks());

describe("annotateFindings", () => {
  it("annotates incident 002's findings on their manifest file and line", async () => {
    const result = await check({ base: [join(REPO_ROOT, INCIDENT, "base")], head: [join(REPO_ROOT, INCIDENT, "head")] }, { read: { cwd: REPO_ROOT } });
    const blocking = result.findings.filter((f) => f.severity === "critical" || f.severity === "high").length;
    expect(annotateFindings(result.findings)).toEqual({ annotated: result.findings.length, omitted: 0 });
    expect(core.error).toHaveBeenCalledTimes(blocking);
    expect(core.error).toHaveBeenCalledWith(
      expect.stringMatching(/^Deployment traefik\/traefik-v2: .*acme\.json[\s\S]*\nFix: /),
      { title: "kubegate acme-storage-ephemeral (high)", file: `${INCIDENT}/head/traefik.yaml`, startLine: 9 },
    );
  });

  it("maps severities to annotation kinds; acknowledged findings only inform", () => {
    expect(annotationKind(finding({ severity: "critical" }))).toBe("error");
    expect(annotationKind(finding({ severity: "high" }))).toBe("error");
    expect(annotationKind(finding({ severity: "warning" }))).toBe("warning");
    expect(annotationKind(finding({ severity: "info" }))).toBe("notice");
    expect(annotationKind(finding({ acknowledged: "kubegate.yaml: DNS follows" }))).toBe("notice");
  });

  it("stays within GitHub's per-step limits and says how many it left out", () => {
    const findings = [
      ...Array.from({ length: 25 }, (_, i) => finding({ line: i + 1 })),
      ...Array.from({ length: 12 }, (_, i) => finding({ severity: "warning", line: i + 1 })),
      finding({ severity: "info" }),
    ];
    // 9 error slots (setFailed takes the 10th): 8 findings + 1 overflow line; 10 warnings: 9 + 1.
    expect(annotateFindings(findings)).toEqual({ annotated: 8 + 9 + 1, omitted: 17 + 3 });
    expect(core.error).toHaveBeenCalledTimes(9);
    expect(core.error).toHaveBeenLastCalledWith(expect.stringMatching(/^17 more kubegate finding\(s\) of this kind are not annotated/), { title: "kubegate: more findings" });
    expect(core.warning).toHaveBeenCalledTimes(10);
    expect(core.warning).toHaveBeenLastCalledWith(expect.stringMatching(/^3 more /), { title: "kubegate: more findings" });
    expect(core.notice).toHaveBeenCalledTimes(1);
  });

  it("leaves the location out for stdin input", () => {
    annotateFindings([finding({ file: "<stdin>" })]);
    expect(core.error).toHaveBeenCalledWith(expect.any(String), { title: "kubegate loadbalancer-recreated (critical)" });
  });
});
