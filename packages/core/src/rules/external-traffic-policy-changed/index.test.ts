import { join } from "node:path";
import { describe, expect, it } from "vitest";
import rule from "./index.js";
import { runRuleOnCase } from "../testing/run-fixture.js";

const dir = import.meta.dirname;
const run = (kind: "fires" | "quiet", name: string) => runRuleOnCase(rule, join(dir, "fixtures", kind, name));

describe("external-traffic-policy-changed", () => {
  it("Cluster -> Local on a 2-replica controller Deployment: health checks, source IPs, nodes without a pod", async () => {
    const [f, ...rest] = await run("fires", "cluster-to-local");
    expect(rest).toEqual([]);
    expect(f!.severity).toBe("warning");
    expect(f!.resource).toMatchObject({ kind: "Service", namespace: "traefik", name: "traefik" });
    expect(f!.message).toContain("Service traefik/traefik (type LoadBalancer, in front of Deployment traefik/traefik) changes externalTrafficPolicy from Cluster to Local");
    expect(f!.message).toContain("healthCheckNodePort");
    expect(f!.message).toContain("runs 2 pods: with fewer controller pods than nodes, nodes without one fail the health check");
    expect(f!.message).toContain("Hosts behind it: shop.example.com.");
  });

  it("Local -> Cluster on a DaemonSet: client source IPs are lost", async () => {
    const [f] = await run("fires", "local-to-cluster");
    expect(f!.message).toContain("from Local to Cluster");
    expect(f!.message).toContain("node addresses instead of client source IPs");
  });

  it("stays quiet when the policy does not change and on LoadBalancers that front no ingress controller", async () => {
    expect(await run("quiet", "policy-unchanged")).toEqual([]);
    expect(await run("quiet", "not-a-controller")).toEqual([]);
  });
});
