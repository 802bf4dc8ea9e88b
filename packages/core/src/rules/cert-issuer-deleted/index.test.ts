import { join } from "node:path";
import { describe, expect, it } from "vitest";
import rule from "./index.js";
import { runRuleOnCase } from "../testing/run-fixture.js";

const dir = import.meta.dirname;
const run = (kind: "fires" | "quiet", name: string) => runRuleOnCase(rule, join(dir, "fixtures", kind, name));

describe("cert-issuer-deleted", () => {
  it("a ClusterIssuer deleted while an Ingress annotation and a Certificate name it", async () => {
    const [f, ...rest] = await run("fires", "cluster-issuer-deleted");
    expect(rest).toEqual([]);
    expect(f!.severity).toBe("high");
    expect(f!.resource).toMatchObject({ kind: "ClusterIssuer", name: "letsencrypt" });
    expect(f!.message).toContain("ClusterIssuer letsencrypt is deleted, but Ingress apps/shop, Certificate apps/api still name it");
    expect(f!.message).toContain("(shop.example.com, api.example.com)");
  });

  it("a namespaced Issuer named by a Certificate's issuerRef (kind defaults to Issuer)", async () => {
    const [f] = await run("fires", "namespaced-issuer-deleted");
    expect(f!.message).toContain("Issuer payments/internal-ca is deleted, but Certificate payments/payments-grpc still names it");
  });

  it("stays quiet when every reference moves to the new issuer, and for an Issuer of another namespace", async () => {
    expect(await run("quiet", "issuer-replaced")).toEqual([]);
    expect(await run("quiet", "issuer-in-other-namespace")).toEqual([]);
  });
});
