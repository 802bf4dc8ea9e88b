/**
 * Staging stands in only for what the cluster would have (issue 20), end to end on real etcd,
 * kube-apiserver and Traefik processes: one change to examples/benign/_base (plus the new-host
 * app) with a Service selector typo, a targetPort renamed to a name no container has, and an
 * Ingress moved to a class nothing in the change serves. Every route works at base and fails at
 * head, as it would in the cluster: the first two Services get no endpoints, the class gets no
 * stand-in. Fixtures are written at test time from the repository's examples.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Logger } from "../log/logger.js";
import { findRunProcesses } from "../stage/sandbox/find-run-processes.js";
import { ensureTool } from "../stage/tools/build-tool.js";
import { gate } from "./gate.js";

const examples = resolve(import.meta.dirname, "../../../../examples");
const quiet: Logger = { info() {}, warn() {}, debug() {} };
const dir = mkdtempSync(join(tmpdir(), "kubegate-fidelity-"));

/** Replaces exactly one occurrence of `from`, so a fixture edit that stops matching fails loudly. */
function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, "utf8");
  if (text.split(from).length !== 2) throw new Error(`${file}: expected exactly one ${JSON.stringify(from)}`);
  writeFileSync(file, text.replace(from, to));
}

beforeAll(async () => {
  for (const side of ["base", "head"]) {
    cpSync(join(examples, "benign/_base"), join(dir, side), { recursive: true });
    cpSync(join(examples, "benign/new-host/head/docs.yaml"), join(dir, side, "docs.yaml"));
  }
  const head = join(dir, "head");
  edit(join(head, "apps.yaml"), "  selector: {app: shop}\n  ports:", "  selector: {app: shpo}\n  ports:");
  edit(join(head, "apps.yaml"), "    - {name: http, port: 80, targetPort: http}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: blog", "    - {name: http, port: 80, targetPort: web}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: blog");
  edit(join(head, "docs.yaml"), "ingressClassName: traefik", "ingressClassName: traefik-internal");
  for (const tool of ["etcd", "kube-apiserver", "traefik-v3"] as const) await ensureTool(tool);
}, 60 * 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("staging fidelity (kubegate gate --stage local)", () => {
  it("a selector typo, a renamed targetPort and an unserved class pass at base and fail at head", async () => {
    const r = await gate({ base: [join(dir, "base")], head: [join(dir, "head")] }, { stage: "local", logger: quiet, settleMs: 6_000 });
    const stages = (host: string) => {
      const x = r.smoke!.routes.find((route) => route.host === host)!;
      return [x.base?.ok ?? null, x.head?.ok ?? null, x.afterRestart?.ok ?? null];
    };
    expect(r.decision).toBe("block");
    for (const host of ["shop.example.com", "blog.example.com", "docs.example.com"]) expect(stages(host), host).toEqual([true, false, false]);
    const regressed = r.findings.filter((f) => f.rule === "smoke-route-regressed").map((f) => f.resource.name).sort();
    expect(regressed).toEqual(["blog", "docs", "shop"]);
    // Static rules name the same classes without a cluster.
    expect(r.findings.filter((f) => f.rule === "service-selects-no-pods").map((f) => f.resource.name).sort()).toEqual(["blog", "shop"]);
    expect(r.findings.filter((f) => f.rule === "ingress-class-unserved").map((f) => f.resource.name)).toEqual(["docs"]);
    const notes = r.smoke!.notes.join("\n");
    expect(notes).toContain("at head: Service apps/shop selects no pods (selector app=shpo");
    expect(notes).toContain("at head: Service apps/blog port http targets the port named web, which no container of Deployment blog declares");
    expect(notes).toContain("head now depends on IngressClass traefik-internal");
    expect(r.smoke!.standins).toMatchObject({ headDependsOn: ["IngressClass traefik-internal"] });
    expect(r.smoke!.standins!.stoodIn).toContainEqual({ object: "IngressClass traefik", sides: ["base", "head"] });
    expect(r.smoke!.standins!.stoodIn).toContainEqual({ object: "Secret apps/shop-tls", sides: ["base", "head"] });
    expect(await findRunProcesses(r.smoke!.cluster.runId)).toEqual([]);
  }, 240_000);
});
