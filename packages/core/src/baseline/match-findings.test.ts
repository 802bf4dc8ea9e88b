import { describe, expect, it } from "vitest";
import type { Finding } from "../model/finding.js";
import { classifyAgainstBase, resolvedFindings } from "./match-findings.js";

const finding = (rule: string, name: string, fingerprint: string, apiVersion = "apps/v1"): Finding => ({
  rule,
  severity: "high",
  resource: { apiVersion, kind: "Deployment", namespace: "apps", name },
  message: fingerprint,
  fingerprint,
});

const states = (findings: Finding[]): string[] => findings.map((f) => `${f.resource.name}:${f.baseline}`);

describe("classifyAgainstBase", () => {
  it("marks a finding base had (same rule, resource and cause) unchanged, and one base lacked new", () => {
    const base = [finding("r", "a", "x")];
    expect(states(classifyAgainstBase([finding("r", "a", "x"), finding("r", "b", "x")], base, new Map()))).toEqual(["a:unchanged", "b:new"]);
  });

  it("marks a different cause on a resource that had a finding of the rule updated", () => {
    expect(states(classifyAgainstBase([finding("r", "a", "worse")], [finding("r", "a", "x")], new Map()))).toEqual(["a:updated"]);
  });

  it("keeps an extra cause on the same resource new when the old one is still there", () => {
    const judged = classifyAgainstBase([finding("r", "a", "second"), finding("r", "a", "x")], [finding("r", "a", "x")], new Map());
    expect(judged.map((f) => `${f.fingerprint}:${f.baseline}`)).toEqual(["second:new", "x:unchanged"]);
  });

  it("never matches another rule's finding on the same resource", () => {
    expect(states(classifyAgainstBase([finding("r2", "a", "x")], [finding("r", "a", "x")], new Map()))).toEqual(["a:new"]);
  });

  it("matches across apiVersions of the same group (a version bump is the same object)", () => {
    const base = [finding("r", "a", "x", "networking.k8s.io/v1beta1")];
    const head = [{ ...finding("r", "a", "x", "networking.k8s.io/v1"), resource: { apiVersion: "networking.k8s.io/v1", kind: "Deployment", namespace: "apps", name: "a" } }];
    expect(states(classifyAgainstBase(head, base, new Map()))).toEqual(["a:unchanged"]);
  });

  it("follows a rename the diff detected", () => {
    const renames = new Map([["apps/Deployment/apps/a-v2", "apps/Deployment/apps/a"]]);
    expect(states(classifyAgainstBase([finding("r", "a-v2", "x")], [finding("r", "a", "x")], renames))).toEqual(["a-v2:unchanged"]);
  });
});

describe("resolvedFindings", () => {
  it("lists base findings head no longer has, and keeps those head still has (renamed or not)", () => {
    const base = [finding("r", "a", "x"), finding("r", "b", "x"), finding("r", "c", "x")];
    const head = [finding("r", "a", "changed cause"), finding("r", "c-new", "x")];
    const renames = new Map([["apps/Deployment/apps/c-new", "apps/Deployment/apps/c"]]);
    expect(resolvedFindings(base, head, renames).map((f) => f.resource.name)).toEqual(["b"]);
  });
});
