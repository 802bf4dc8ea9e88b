import { join } from "node:path";
import { describe, expect, it } from "vitest";
import rule from "./index.js";
import { fixtureCases, runRuleOnCase } from "../testing/run-fixture.js";

const dir = import.meta.dirname;
const fires = (name: string) => runRuleOnCase(rule, join(dir, "fixtures/fires", name));

describe("acme-storage-ephemeral", () => {
  it("incident 002: a configMap volume over /data beside the emptyDir of a disabled persistence", async () => {
    const findings = await fires("incident-002-configmap-over-data");
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f!.severity).toBe("high");
    expect(f!.resource).toMatchObject({ kind: "Deployment", namespace: "traefik", name: "traefik" });
    expect(f!.message).toContain('resolver "le" in /data/acme.json (set by --certificatesresolvers.le.acme.storage)');
    expect(f!.message).toContain('2 volumes are mounted at the same path /data: "data" (emptyDir), "traefik-config" (configMap)');
    expect(f!.message).toContain("no persistent volume at all");
    expect(f!.message).toContain("at most 5 duplicate certificates per week");
    expect(f!.message).toContain("hosts using this resolver: api.example.com");
    expect(f!.incidents).toEqual(["002_39c5003ca62642a8"]);
  });

  it("a TOML resolver without storage writes acme.json into the container filesystem", async () => {
    const [f, ...rest] = await fires("toml-config-default-storage");
    expect(rest).toEqual([]);
    expect(f!.resource).toMatchObject({ kind: "Deployment", namespace: "edge" });
    expect(f!.message).toContain('resolver "myresolver" in /acme.json (no storage set');
    expect(f!.message).toContain("container's own filesystem");
    expect(f!.message).toContain("shop.example.com");
  });

  it("reads the storage from TRAEFIK_CERTIFICATESRESOLVERS_<NAME>_ACME_STORAGE", async () => {
    const [f] = await fires("env-storage-emptydir");
    expect(f!.message).toContain('resolver "letsencrypt" in /certs/acme.json (set by TRAEFIK_CERTIFICATESRESOLVERS_LETSENCRYPT_ACME_STORAGE)');
    expect(f!.message).toContain('volume "certs" (emptyDir) mounted at /certs, which is deleted with the pod');
  });

  it("reads a traefik.yml named by --configFile and explains hostPath", async () => {
    const [f] = await fires("yaml-config-hostpath");
    expect(f!.resource.kind).toBe("DaemonSet");
    expect(f!.message).toContain("set by /config/traefik.yml from ConfigMap kube-system/traefik-config");
    expect(f!.message).toContain('"acme" (hostPath)');
    expect(f!.message).toContain("stays on one node");
  });

  it("stays quiet on persistent storage, no ACME, and changes that do not touch Traefik", async () => {
    const cases = fixtureCases(dir, "quiet");
    expect(cases.length).toBeGreaterThanOrEqual(4);
    for (const c of cases) expect(await runRuleOnCase(rule, c), c).toEqual([]);
  });
});
