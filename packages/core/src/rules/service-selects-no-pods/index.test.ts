import { join } from "node:path";
import { describe, expect, it } from "vitest";
import rule from "./index.js";
import { runRuleOnCase } from "../testing/run-fixture.js";

const dir = import.meta.dirname;
const run = (kind: "fires" | "quiet", name: string) => runRuleOnCase(rule, join(dir, "fixtures", kind, name));

describe("service-selects-no-pods", () => {
  it("a selector typo: critical, names the near miss and the route's host", async () => {
    const [f, ...rest] = await run("fires", "selector-typo");
    expect(rest).toEqual([]);
    expect(f!.severity).toBe("critical");
    expect(f!.resource).toMatchObject({ kind: "Service", namespace: "apps", name: "shop" });
    expect(f!.message).toContain("Service apps/shop selects no pods: no pod template in namespace apps carries its selector app=shpo (Deployment shop has app=shop)");
    expect(f!.message).toContain("Ingress apps/shop");
    expect(f!.message).toContain("shop.example.com");
    expect(f!.message).toContain("it had endpoints at base");
  });

  it("a targetPort renamed to a name no container declares", async () => {
    const [f, ...rest] = await run("fires", "target-port-renamed");
    expect(rest).toEqual([]);
    expect(f!.severity).toBe("critical");
    expect(f!.message).toContain("port web (80) targets the container port named web-http, which no container of Deployment shop declares (they declare: http 8080)");
  });

  it("pod template labels changed under an unchanged Service", async () => {
    const [f] = await run("fires", "pod-labels-changed");
    expect(f!.severity).toBe("critical");
    expect(f!.message).toContain("Deployment shop has app=shop-v2");
  });

  it("a new Service nothing routes to that selects no pods (kube-linter's dangling service) is a warning", async () => {
    const [f, ...rest] = await run("fires", "dangling-service");
    expect(rest).toEqual([]);
    expect(f!.resource.name).toBe("shop-metrics");
    expect(f!.severity).toBe("warning");
    expect(f!.message).toContain("it has no endpoints");
  });

  it("stays quiet on matching pods, route-only namespaces, selector-less and ExternalName Services", async () => {
    for (const name of ["new-service-with-pods", "route-only-namespace", "selectorless-and-external-name"]) expect(await run("quiet", name), name).toEqual([]);
  });
});
