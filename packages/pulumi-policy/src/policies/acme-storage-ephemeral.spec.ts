import type { KubeObject } from "@kubegate/core";
import { describe, expect, it } from "vitest";
import { expectOneViolation, expectPolicyMeta } from "../testing/expect-policy.js";
import { resourceArgs, runResourcePolicy, urnOf } from "../testing/policy-args.js";
import { acmeStorageEphemeral as policy } from "./acme-storage-ephemeral.js";

/** Traefik with an ACME resolver whose storage is on a PersistentVolumeClaim. */
function goodTraefik(): KubeObject {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "traefik", namespace: "traefik" },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: "traefik" } },
      template: {
        metadata: { labels: { app: "traefik" } },
        spec: {
          containers: [
            {
              name: "traefik",
              image: "traefik:v3.6.15",
              args: ["--providers.kubernetescrd", "--certificatesresolvers.le.acme.email=ops@example.com", "--certificatesresolvers.le.acme.storage=/data/acme.json", "--certificatesresolvers.le.acme.tlschallenge=true"],
              volumeMounts: [{ name: "data", mountPath: "/data" }],
            },
          ],
          volumes: [{ name: "data", persistentVolumeClaim: { claimName: "traefik-acme" } }],
        },
      },
    },
  };
}

describe("acme-storage-ephemeral policy", () => {
  it("has its name, description, enforcement level and config schema", () => {
    expectPolicyMeta(policy, "acme-storage-ephemeral", "mandatory");
  });

  it("passes ACME storage on a PersistentVolumeClaim", async () => {
    expect(await runResourcePolicy(policy, resourceArgs(goodTraefik()))).toEqual([]);
  });

  it("reports ACME storage moved to an emptyDir", async () => {
    const traefik = goodTraefik();
    (traefik.spec as any).template.spec.volumes[0] = { name: "data", emptyDir: {} };
    expectOneViolation(await runResourcePolicy(policy, resourceArgs(traefik)), urnOf(traefik), "acme-storage-ephemeral", /Deployment traefik\/traefik/);
  });
});
