import { join } from "node:path";
import { describe, expect, it } from "vitest";
import rule from "./index.js";
import { fixtureCases, runRuleOnCase } from "../testing/run-fixture.js";
import { traefikCrdsDir } from "../../stage/tools/traefik-crds.js";

const dir = import.meta.dirname;
const fires = (name: string) => runRuleOnCase(rule, join(dir, "fixtures/fires", name));
const quiet = (name: string) => join(dir, "fixtures/quiet", name);
const NO_CASE = join(dir, "fixtures/none");

describe("ingress-controller-disrupted", () => {
  describe("image source", () => {
    it("flags a controller image that leaves the private mirror for a public registry (high)", async () => {
      const findings = await fires("controller-image-leaves-mirror");
      expect(findings).toHaveLength(1);
      expect(findings[0]!.severity).toBe("high");
      expect(findings[0]!.message).toContain("pulls its image from another registry: registry.corp.example.com/mirror/traefik:v2.11.2 -> traefik:v2.11.3");
      expect(findings[0]!.message).toContain("can only pull from its own mirror");
    });

    it("stays quiet on a patch release from the same mirror", async () => {
      expect(await runRuleOnCase(rule, quiet("controller-image-mirror-patch"))).toEqual([]);
    });
  });

  describe("(a) removal", () => {
    it("incident 002: deleting the Traefik release is critical and names the hosts it served", async () => {
      const findings = await fires("traefik-uninstalled-incident-002");
      expect(findings).toHaveLength(1);
      expect(findings[0]!.severity).toBe("critical");
      expect(findings[0]!.helmSource).toBe("traefik/templates/deployment.yaml");
      expect(findings[0]!.message).toMatch(/^Deployment default\/traefik \(ingress controller, image traefik:2\.5\.6\) is deleted: /);
      expect(findings[0]!.message).toContain("(exports-api.k8s.saas.example.com, reports-api.k8s.saas.example.com, users-api.k8s.saas.example.com)");
      expect(findings[0]!.message).toContain("incident 002");
    });

    it("a rename is a delete + create", async () => {
      const [f, ...rest] = await fires("release-renamed");
      expect(rest).toEqual([]);
      expect(f!.severity).toBe("critical");
      expect(f!.message).toContain("Deployment traefik/traefik (ingress controller, image docker.io/traefik:v2.11.2) is renamed to Deployment traefik/traefik-public");
      expect(f!.message).not.toContain("admin.legacy.example.com");
    });

    it("switching deployment.kind to DaemonSet deletes the Deployment and names its successor", async () => {
      const [f, ...rest] = await fires("deployment-to-daemonset");
      expect(rest).toEqual([]);
      expect(f!.severity).toBe("critical");
      expect(f!.resource.kind).toBe("Deployment");
      expect(f!.message).toContain("DaemonSet traefik/traefik (docker.io/traefik:v2.11.2) that head adds instead starts cold");
    });

    it("controllers listed in options.ingressControllers count even with an unknown image", async () => {
      const caseDir = join(dir, "fixtures/fires/explicit-controller-deleted");
      const [f] = await runRuleOnCase(rule, caseDir);
      expect(f!.severity).toBe("critical");
      expect(f!.message).toContain("Deployment edge/edge-proxy (ingress controller, image registry.example.com/platform/edge-proxy:4.2.0) is deleted");
      // Without the option the image is not recognised as an ingress controller.
      expect(await runRuleOnCase(rule, NO_CASE, { base: [join(caseDir, "base.yaml")], head: [join(caseDir, "head.yaml")] })).toEqual([]);
    });

    it("a malformed IngressRoute left in base (incident 000) does not break the host list", async () => {
      const incident000 = join(dir, "fixtures/fires/ingressroute-on-traefik-2.4-incident-000/head.yaml");
      const findings = await runRuleOnCase(rule, NO_CASE, { base: [incident000] });
      expect(findings.map((f) => f.severity)).toEqual(["critical"]);
      expect(findings[0]!.message).toContain("status.k8s.saas.example.com");
    });
  });

  describe("(b) versions", () => {
    it("Traefik v2 -> v3 is a major step: names both images and the migration guide", async () => {
      const findings = await fires("traefik-v2-to-v3");
      expect(findings).toHaveLength(1);
      expect(findings[0]!.severity).toBe("high");
      expect(findings[0]!.message).toContain("from docker.io/traefik:v2.11.2 to docker.io/traefik:v3.0.0, a major version step (2.x -> 3.x)");
      expect(findings[0]!.message).toContain("https://doc.traefik.io/traefik/migration/v2-to-v3/");
    });

    it("Traefik 1.7 -> v2 is a major step with the v1-to-v2 guide", async () => {
      const findings = await fires("traefik-v1-to-v2");
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toContain("Deployment kube-system/lb-traefik moves traefik from traefik:1.7.30 to traefik:v2.5.7, a major version step (1.x -> 2.x)");
      expect(findings[0]!.message).toContain("https://doc.traefik.io/traefik/migration/v1-to-v2/");
    });

    it("incident 001: a change to a Traefik 1.7.9 controller warns about its known bugs", async () => {
      const findings = await fires("traefik-1.7.9-incident-001");
      expect(findings).toHaveLength(1);
      expect(findings[0]!.severity).toBe("warning");
      expect(findings[0]!.message).toContain("Deployment kube-system/lb-traefik (ingress controller, image traefik:1.7.9): version 1.7.9 has known bugs (incident 001");
      expect(findings[0]!.message).toContain("Upgrade to 1.7.30 or later");
    });

    it("incident 000: a new IngressRoute on an untouched Traefik 2.4.7 warns about issue 8098", async () => {
      const findings = await fires("ingressroute-on-traefik-2.4-incident-000");
      expect(findings).toHaveLength(1);
      expect(findings[0]!.severity).toBe("warning");
      expect(findings[0]!.resource).toMatchObject({ kind: "Deployment", name: "traefik" });
      expect(findings[0]!.message).toContain("version 2.4.7 has known bugs (incident 000, traefik issue 8098");
    });

    it("Traefik 2.4 without IngressRoutes is quiet, but its shipped CRDs are enough to warn", async () => {
      const caseDir = quiet("traefik-2.4-without-ingressroutes");
      expect(await runRuleOnCase(rule, caseDir)).toEqual([]);
      const crds = await traefikCrdsDir("v2.4.13");
      const findings = await runRuleOnCase(rule, caseDir, { base: [crds], head: [crds] });
      expect(findings.map((f) => [f.severity, f.message.includes("issue 8098")])).toEqual([["warning", true]]);
    });
  });

  describe("(c)-(e) availability", () => {
    it("a fresh install with chart defaults: one replica and no PodDisruptionBudget, one finding each", async () => {
      const findings = await fires("single-replica-install");
      expect(findings.map((f) => f.severity)).toEqual(["warning", "warning"]);
      expect(findings[0]!.message).toContain("Deployment traefik/traefik (ingress controller, image docker.io/traefik:v2.11.2) runs a single replica (spec.replicas is 1)");
      expect(findings[1]!.message).toContain("has no PodDisruptionBudget: a node drain");
    });

    it("Recreate for an RWO ACME volume: single replica, dropped budget and all-at-once rollout", async () => {
      const messages = (await fires("recreate-for-acme-volume")).map((f) => f.message);
      expect(messages).toHaveLength(3);
      expect(messages[0]).toContain("runs a single replica");
      expect(messages[1]).toContain("has no PodDisruptionBudget (this change deletes PodDisruptionBudget traefik)");
      expect(messages[2]).toContain("can stop all its pods in one rollout (strategy is Recreate)");
    });

    it("a DaemonSet needs no replicas or budget, but maxUnavailable 100% replaces every pod at once", async () => {
      const findings = await fires("daemonset-all-at-once");
      expect(findings).toHaveLength(1);
      expect(findings[0]!.message).toContain("DaemonSet traefik/traefik (ingress controller, image docker.io/traefik:v2.11.2) can stop all its pods in one rollout (updateStrategy.rollingUpdate.maxUnavailable is 100%)");
    });

    it("scaling a controller to 0 is critical and names the hosts left unanswered", async () => {
      const findings = await fires("nginx-scaled-to-zero");
      expect(findings).toHaveLength(1);
      expect(findings[0]!.severity).toBe("critical");
      expect(findings[0]!.message).toContain("runs 0 replicas (spec.replicas): every host it serves (checkout.shop.example.com) goes unanswered");
    });
  });

  describe("controllers installed by GitOps objects whose chart is not rendered", () => {
    it("a removed Flux HelmRelease of ingress-nginx is critical and names the hosts its class serves", async () => {
      const findings = await fires("flux-helmrelease-removed");
      expect(findings).toHaveLength(1);
      expect(findings[0]!.severity).toBe("critical");
      expect(findings[0]!.message).toContain("HelmRelease ingress-nginx/ingress-nginx (installs ingress-nginx, chart ingress-nginx 4.11.2) is deleted: the controller is uninstalled and every host it serves (shop.example.com) stops answering");
      expect(findings[0]!.message).toContain("The staged proof needs the chart");
    });
  });

  it("stays quiet on patch bumps (same mirror too), the 1.7.30 fix, untouched controllers, HPA-scaled and DaemonSet controllers", async () => {
    const cases = fixtureCases(dir, "quiet");
    expect(cases).toHaveLength(8);
    for (const c of cases) expect(await runRuleOnCase(rule, c), c).toEqual([]);
  });
});
