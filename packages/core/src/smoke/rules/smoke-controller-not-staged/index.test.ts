import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runStagedRuleOnCase } from "../testing/run-staged-fixture.js";
import rule from "./index.js";

const fires = (name: string) => runStagedRuleOnCase(rule, join(import.meta.dirname, "fixtures/fires", name));

describe("smoke-controller-not-staged", () => {
  it("names the declared controller, says its routes were not proven and what ran instead", () => {
    expect(fires("ingress-nginx")).toMatchObject([
      {
        severity: "warning",
        resource: { kind: "Deployment", name: "ingress-nginx-controller" },
        message: "ingress-nginx 1.12.1: not stageable here; its routes were not proven (kubegate stages Traefik only; there is no ingress-nginx adapter); staging probed them through a stock Traefik (traefik:v3.6, Ingress and CRD providers) instead",
      },
    ]);
  });

  it("names Traefik v1 (incident 001)", () => {
    expect(fires("traefik-v1")[0]!.message).toMatch(/^Traefik 1\.7\.9: not stageable here; its routes were not proven/);
  });
});
