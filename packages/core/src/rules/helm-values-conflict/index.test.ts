import { join } from "node:path";
import { describe, expect, it } from "vitest";
import rule from "./index.js";
import { fixtureCases, runRuleOnCase } from "../testing/run-fixture.js";

// Platform-tree fixtures are rendered with real helm (built once into the tools dir).
const dir = import.meta.dirname;
const fires = (name: string) => runRuleOnCase(rule, join(dir, "fixtures/fires", name));

describe("helm-values-conflict", () => {
  it("incident 002: a configMap from `volumes` mounted over the persistence path /data", async () => {
    const findings = await fires("incident-002-configmap-over-data");
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f!.severity).toBe("high");
    expect(f!.resource).toMatchObject({ kind: "Deployment", namespace: "traefik", name: "edge" });
    expect(f!.release).toBe("edge");
    expect(f!.helmSource).toBe("proxy/templates/deployment.yaml");
    expect(f!.file).toBe("head/charts/proxy/templates/deployment.yaml");
    expect(f!.message).toContain('container "proxy" mounts 2 volumes at /data: "data" (emptyDir), "edge-config" (configMap)');
    expect(f!.message).toContain("values involved: volumes[0].mountPath (head/values/edge.yaml)");
    expect(f!.message).toContain("persistence.path (head/charts/proxy/values.yaml)");
    expect(f!.message).toContain("persistence.enabled=false (head/values/edge.yaml) with persistence.path /data");
    expect(f!.message).toContain("incident 002");
  });

  it("persistence switched off while the container keeps its ACME storage under the persistence path", async () => {
    const [f, ...rest] = await fires("persistence-off-acme");
    expect(rest).toEqual([]);
    expect(f!.message).toContain("persistence.enabled=false (head/charts/proxy/values.yaml)");
    expect(f!.message).toContain('container "proxy" keeps /data/acme.json under persistence.path /data, mounted from "data" (emptyDir)');
    expect(f!.message).toContain("release edge, template proxy/templates/deployment.yaml");
  });

  it("works on committed `helm template` output without values (names the template)", async () => {
    const [f, ...rest] = await fires("rendered-duplicate-mount");
    expect(rest).toEqual([]);
    expect(f!.message).toContain('StatefulSet apps/app (template app/templates/statefulset.yaml): container "app" mounts 2 volumes at /var/lib/app: "state" (volumeClaimTemplate, persistent), "seed" (configMap)');
    expect(f!.message).not.toContain("values involved");
  });

  it("does not report plain manifests that no Helm template rendered", async () => {
    for (const c of fixtureCases(join(dir, "../acme-storage-ephemeral"), "fires")) {
      const findings = await runRuleOnCase(rule, c);
      for (const f of findings) expect(f.helmSource).toBeDefined();
    }
  });
});
