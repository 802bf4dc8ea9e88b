import { join } from "node:path";
import { describe, expect, it } from "vitest";
import rule from "./index.js";
import { runRuleOnCase } from "../testing/run-fixture.js";

const dir = import.meta.dirname;
const run = (kind: "fires" | "quiet", name: string) => runRuleOnCase(rule, join(dir, "fixtures", kind, name));

describe("ingress-class-unserved", () => {
  it("warns when an Ingress moves to a class no controller of the change serves, naming class and hosts", async () => {
    const [f, ...rest] = await run("fires", "class-not-in-change");
    expect(rest).toEqual([]);
    expect(f!.severity).toBe("warning");
    expect(f!.resource).toMatchObject({ kind: "Ingress", namespace: "apps", name: "shop" });
    expect(f!.message).toContain("moves from ingress class traefik to nginx-internal, and no ingress controller of the change (Deployment traefik/traefik) serves it: host shop.example.com stops being routed");
  });

  it("says so when the change ships no controller at all", async () => {
    const [f] = await run("fires", "no-controller-in-change");
    expect(f!.message).toContain("the change ships no ingress controller that serves it");
    expect(f!.message).toContain("unless a controller outside the change serves class traefik-internal");
  });

  it("stays quiet when the class exists in the change for its controller, and when the class does not move", async () => {
    expect(await run("quiet", "class-served-in-change")).toEqual([]);
    expect(await run("quiet", "class-unchanged")).toEqual([]);
  });
});
