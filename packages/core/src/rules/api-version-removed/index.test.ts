import { join } from "node:path";
import { describe, expect, it } from "vitest";
import rule from "./index.js";
import { buildSides } from "../../check/build-sides.js";
import { loadManifests } from "../../load/load-manifests.js";
import type { KubeObject } from "../../model/kube-object.js";
import { runRules } from "../run-rules.js";
import { fixtureCases, runRuleOnCase } from "../testing/run-fixture.js";
import { traefikCrdsDir } from "../../stage/tools/traefik-crds.js";

const dir = import.meta.dirname;
const fires = (name: string) => join(dir, "fixtures/fires", name);

/** Runs the rule on head objects created from an empty cluster. */
function check(objects: KubeObject[], kubeVersion?: string) {
  const head = objects.map((object, i) => ({ object, source: { file: "head.yaml", line: 1 + i * 10, documentIndex: i } }));
  return runRules([rule], { ...buildSides([], head, {}), options: kubeVersion ? { kubeVersion } : {} }).findings;
}

const flowSchema = (apiVersion: string): KubeObject => ({ apiVersion, kind: "FlowSchema", metadata: { name: "traefik" }, spec: { priorityLevelConfiguration: { name: "workload-high" } } });

describe("api-version-removed", () => {
  it("fires on every extensions/v1beta1 Ingress at 1.22, changed or not (incident 001)", async () => {
    const findings = await runRuleOnCase(rule, fires("extensions-ingress-at-1-22"));
    expect(findings.map((f) => [f.severity, f.resource.name])).toEqual([
      ["critical", "bloomremit"],
      ["critical", "bxa-staging"],
    ]);
    const message = findings[1]!.message;
    expect(message).toMatch(/^Ingress default\/bxa-staging uses extensions\/v1beta1, removed in Kubernetes 1\.22; use networking\.k8s\.io\/v1 \(served since Kubernetes 1\.19\)/);
    expect(message).toContain("backend.serviceName -> backend.service.name");
    expect(message).toContain("pathType");
    expect(message).toContain("Kubernetes 1.22 does not serve it");
  });

  it("fires at the default target 1.34 on an old chart, and says when there is no replacement", async () => {
    const findings = await runRuleOnCase(rule, fires("old-chart-at-default-version"));
    const byKind = Object.fromEntries(findings.map((f) => [f.resource.kind, f]));
    expect(Object.keys(byKind).sort()).toEqual(["CronJob", "PodDisruptionBudget", "PodSecurityPolicy"]);
    expect(byKind.CronJob!.message).toContain("CronJob traefik/acme-backup uses batch/v1beta1, removed in Kubernetes 1.25; use batch/v1");
    expect(byKind.PodDisruptionBudget!.message).toContain("an empty spec.selector");
    expect(byKind.PodSecurityPolicy!.message).toContain("PodSecurityPolicy traefik uses policy/v1beta1, removed in Kubernetes 1.25; there is no replacement API: use Pod Security Admission");
    for (const f of findings) expect(f.severity).toBe("critical");
  });

  it("warns about a deprecated API the target still serves", async () => {
    const findings = await runRuleOnCase(rule, fires("deprecated-flowcontrol-at-1-29"));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.severity).toBe("warning");
    expect(findings[0]!.message).toBe(
      "FlowSchema traefik-watches uses flowcontrol.apiserver.k8s.io/v1beta3, deprecated since Kubernetes 1.29 and removed in 1.32 (target is 1.29): before the upgrade to 1.32, use flowcontrol.apiserver.k8s.io/v1 (served since Kubernetes 1.29); in flowcontrol.apiserver.k8s.io/v1: PriorityLevelConfiguration spec.limited.nominalConcurrencyShares defaults to 30 only when unset (an explicit 0 stays 0) (incident 001)",
    );
  });

  it("offers the newest replacement the target serves", () => {
    expect(check([flowSchema("flowcontrol.apiserver.k8s.io/v1beta1")], "1.26")[0]!.message).toContain("use flowcontrol.apiserver.k8s.io/v1beta3 (served since Kubernetes 1.26)");
    expect(check([flowSchema("flowcontrol.apiserver.k8s.io/v1beta1")], "1.30")[0]!.message).toContain("use flowcontrol.apiserver.k8s.io/v1 (served since Kubernetes 1.29)");
    expect(check([flowSchema("flowcontrol.apiserver.k8s.io/v1beta3")], "1.28")).toEqual([]);
    expect(check([flowSchema("flowcontrol.apiserver.k8s.io/v1")], "1.34")).toEqual([]);
  });

  it("reads target versions written as v1.22.3", () => {
    expect(check([flowSchema("flowcontrol.apiserver.k8s.io/v1beta2")], "v1.29.3").map((f) => f.severity)).toEqual(["critical"]);
  });

  it("fires on Traefik v2.4.7's apiextensions.k8s.io/v1beta1 CRDs at 1.34 and warns at 1.20", async () => {
    const crds = (await loadManifests([await traefikCrdsDir("v2.4.13")])).map((o) => o.object);
    const removed = check(crds);
    expect(removed.length).toBe(crds.length);
    expect(removed[0]!.message).toContain("uses apiextensions.k8s.io/v1beta1, removed in Kubernetes 1.22; use apiextensions.k8s.io/v1");
    expect(removed[0]!.message).toContain("spec.scope is required");
    expect(check(crds, "1.20").map((f) => f.severity)).toEqual(crds.map(() => "warning"));
    expect(check(crds, "1.15")).toEqual([]);
    const v1 = (await loadManifests([await traefikCrdsDir("v2.5.0")])).map((o) => o.object);
    expect(check(v1)).toEqual([]);
  });

  it("stays quiet on every quiet fixture", async () => {
    for (const c of fixtureCases(dir, "quiet")) expect(await runRuleOnCase(rule, c), c).toEqual([]);
  });
});
