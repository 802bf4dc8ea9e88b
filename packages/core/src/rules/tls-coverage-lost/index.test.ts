import { join } from "node:path";
import { describe, expect, it } from "vitest";
import rule from "./index.js";
import { fixtureCases, runRuleOnCase } from "../testing/run-fixture.js";

const dir = import.meta.dirname;
const fires = (name: string) => runRuleOnCase(rule, join(dir, "fixtures/fires", name));

describe("tls-coverage-lost", () => {
  it("blocks an envoy sidecar whose certificate moves from a ConfigMap PEM to a Certificate for fewer names", async () => {
    const findings = await fires("envoy-sidecar-pem-to-certificate");
    const lost = findings.find((f) => f.severity === "critical")!;
    expect(lost.resource).toMatchObject({ kind: "Service", namespace: "api", name: "api" });
    expect(lost.message).toMatch(/^Service api\/api port 4447 \(.*envoy in the pods of Deployment api\/api listens with TLS on 4447 \(ConfigMap api\/api-envoy key envoy\.yaml\) serves \/etc\/envoy\/ssl\/service\.crt\) no longer covers name api-ro\.example\.org:/);
    expect(lost.message).toContain("base served ConfigMap api/api-tls-cert key service.crt for api.example.org, api-ro.example.org");
    expect(lost.message).toContain("head serves Secret api/api-tls-proxy-certs from cert-manager Certificate api/api-tls-proxy-certs (ClusterIssuer/discovery) for api.example.org");
    const issuer = findings.find((f) => f.severity === "warning")!;
    expect(issuer.message).toContain("issuer CN=Example Discovery CA -> cert-manager ClusterIssuer/discovery");
    expect(findings).toHaveLength(2);
  });

  it("stays quiet on near-misses", async () => {
    for (const c of fixtureCases(dir, "quiet")) expect(await runRuleOnCase(rule, c), c).toEqual([]);
  });
});
