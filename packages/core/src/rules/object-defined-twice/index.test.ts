import { join } from "node:path";
import { describe, expect, it } from "vitest";
import rule from "./index.js";
import { runRuleOnCase } from "../testing/run-fixture.js";

const dir = import.meta.dirname;
const run = (kind: "fires" | "quiet", name: string) => runRuleOnCase(rule, join(dir, "fixtures", kind, name));

describe("object-defined-twice", () => {
  it("names both definitions and says the last one is what the cluster keeps", async () => {
    const [f, ...rest] = await run("fires", "same-name-twice");
    expect(rest).toEqual([]);
    expect(f!.severity).toBe("warning");
    expect(f!.resource).toMatchObject({ kind: "ConfigMap", namespace: "ingress", name: "traefik-config" });
    expect(f!.message).toMatch(/ConfigMap ingress\/traefik-config is defined 2 times \(also at .*head\.yaml:1\): kubectl apply keeps only the last \(.*head\.yaml:6, v1\)/);
  });

  it("the same Deployment at two apiVersions is one object: the earlier apiVersion is named", async () => {
    const [f] = await run("fires", "two-api-versions");
    expect(f!.message).toMatch(/Deployment apps\/shop is defined 2 times \(also at .*head\.yaml:1 \(as apps\/v1\)\)/);
    expect(f!.message).toMatch(/keeps only the last \(.*head\.yaml:10, extensions\/v1beta1\)/);
  });

  it("identical items of a List: harmless for kubectl, refused by Helm and kustomize", async () => {
    const [f] = await run("fires", "list-with-duplicates");
    expect(f!.message).toContain("the definitions are identical");
  });

  it("a duplicate head removes is not reported", async () => {
    expect(await run("quiet", "base-only-duplicate")).toEqual([]);
  });
});
