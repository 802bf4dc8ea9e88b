import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkObjects } from "../../check/check.js";
import { InputError } from "../../model/input-error.js";
import { renderReport } from "../../report/render-report.js";
import { readPulumiPreview } from "./read-pulumi-preview.js";

const FIXTURE = join(import.meta.dirname, "fixtures", "lb-replaced-in-place.json");
const SVC_URN = "urn:pulumi:dev::kubegate-example::kubernetes:core/v1:Service::traefik";
const step = (op: string, urn: string, old?: object, next?: object, extra: object = {}) => ({ op, urn, ...(old ? { oldState: old } : {}), ...(next ? { newState: next } : {}), ...extra });
const state = (type: string, inputs: object) => ({ type, inputs, outputs: inputs });
const svc = (name: string, type = "LoadBalancer") => ({ apiVersion: "v1", kind: "Service", metadata: { name, namespace: "traefik" }, spec: { type, selector: { app: "traefik" }, ports: [{ port: 80 }] } });
const preview = (...steps: object[]) => JSON.stringify({ steps }, null, 2);

describe("readPulumiPreview", () => {
  it("takes old states as base and new states as head, Kubernetes resources only", async () => {
    const { base, head, skipped } = readPulumiPreview(await readFile(FIXTURE, "utf8"), "preview.json");
    const names = (side: typeof base) => side.map((o) => `${o.object.kind}/${o.object.metadata.name}`).sort();
    expect(names(base)).toEqual(["Deployment/traefik", "Ingress/whoami", "Service/traefik"]);
    expect(names(head)).toEqual(["Deployment/traefik", "Ingress/whoami", "Service/traefik"]);
    expect(skipped).toEqual([]); // the stack, the provider and the ConfigMapPatch are not objects to check
  });

  it("locates every object at the preview file, the line of its step and its URN", async () => {
    const { head } = readPulumiPreview(await readFile(FIXTURE, "utf8"), "preview.json");
    const service = head.find((o) => o.object.kind === "Service")!;
    expect(service.source).toMatchObject({ file: "preview.json", line: 42, urn: SVC_URN });
  });

  it("keeps Pulumi's replace as plannedReplace, so loadbalancer-recreated fires when kubegate's field rules see no reason", async () => {
    const { base, head, secrets } = readPulumiPreview(await readFile(FIXTURE, "utf8"), "preview.json");
    expect(head.find((o) => o.object.kind === "Service")!.source.plannedReplace).toEqual(["pulumi preview plans a replace (replaceReasons: spec)"]);
    const result = checkObjects(base, head, { secrets });
    const change = result.changes.find((c) => c.head?.ref.kind === "Service")!;
    expect(change.op).toBe("replace");
    expect(change.replaceReasons).toEqual(["pulumi preview plans a replace (replaceReasons: spec)"]);
    const lb = result.findings.find((f) => f.rule === "loadbalancer-recreated")!;
    expect(lb.message).toContain("Service traefik/traefik (type LoadBalancer) is recreated (pulumi preview plans a replace (replaceReasons: spec))");
    expect(lb).toMatchObject({ file: "preview.json", line: 42, urn: SVC_URN, severity: "critical" });
    expect(result.decision).toBe("block");
  });

  it("drops values unknown until the update (the engine's sentinel) and the status", async () => {
    const { head } = readPulumiPreview(await readFile(FIXTURE, "utf8"), "preview.json");
    const service = head.find((o) => o.object.kind === "Service")!.object;
    expect(JSON.stringify(service)).not.toContain("04da6b54-80e4-46f7-96ec-b56ff0331ba9");
  });

  it("never prints a Pulumi secret: signature objects are revealed to the registry and redacted", async () => {
    const { base, head, secrets } = readPulumiPreview(await readFile(FIXTURE, "utf8"), "preview.json");
    expect(secrets.size).toBeGreaterThan(0);
    const result = checkObjects(base, head, { secrets });
    for (const format of ["text", "json", "markdown", "sarif"] as const) {
      const report = renderReport(result, format);
      expect(report).not.toContain("pilot-token-s3cr3t-value");
    }
    // A changed secret is still a change, masked by position in the diff itself (kubectl-style markers).
    expect(JSON.stringify(result.changes.map((c) => c.fields))).not.toContain("pilot-token-s3cr3t-value");
    expect(JSON.stringify(result.changes.map((c) => c.fields))).toContain('"after":"*** (after)"');
    expect(result.changes.find((c) => c.head?.ref.kind === "Deployment")!.fields.map((f) => f.path)).toEqual(["spec.template.spec.containers[name=traefik].env[name=TRAEFIK_PILOT_DASHBOARD].value"]);
  });

  it("a rename (new metadata.name) is a replace with the rename and Pulumi's reason", () => {
    const urn = "urn:pulumi:dev::p::kubernetes:core/v1:Service::traefik";
    const text = preview(
      step("create-replacement", urn, state("kubernetes:core/v1:Service", svc("traefik")), state("kubernetes:core/v1:Service", svc("traefik-lb")), { replaceReasons: ["metadata"] }),
      step("replace", urn, state("kubernetes:core/v1:Service", svc("traefik")), state("kubernetes:core/v1:Service", svc("traefik-lb")), { replaceReasons: ["metadata"] }),
      step("delete-replaced", urn, state("kubernetes:core/v1:Service", svc("traefik"))),
    );
    const { base, head, secrets } = readPulumiPreview(text, "p.json");
    const result = checkObjects(base, head, { secrets });
    const lb = result.findings.filter((f) => f.rule === "loadbalancer-recreated");
    expect(lb).toHaveLength(1);
    expect(lb[0]!.message).toContain("is renamed to Service traefik/traefik-lb");
    expect(lb[0]!.urn).toBe(urn);
  });

  it("a new logical name over the same Kubernetes name: Pulumi deletes the old URN, so it is a replace", () => {
    const [oldUrn, newUrn] = ["urn:pulumi:dev::p::kubernetes:core/v1:Service::traefik", "urn:pulumi:dev::p::kubernetes:core/v1:Service::edge"];
    const text = preview(step("create", newUrn, undefined, state("kubernetes:core/v1:Service", svc("traefik"))), step("delete", oldUrn, state("kubernetes:core/v1:Service", svc("traefik"))));
    const { base, head } = readPulumiPreview(text, "p.json");
    expect(head[0]!.source.plannedReplace).toEqual([`pulumi deletes ${oldUrn}, which manages the same object, after creating ${newUrn}`]);
    const result = checkObjects(base, head);
    expect(result.changes.map((c) => c.op)).toEqual(["replace"]);
    expect(result.findings.map((f) => f.rule)).toContain("loadbalancer-recreated");
  });

  it("a delete of a LoadBalancer Service is a delete", () => {
    const urn = "urn:pulumi:dev::p::kubernetes:core/v1:Service::traefik";
    const { base, head } = readPulumiPreview(preview(step("delete", urn, state("kubernetes:core/v1:Service", svc("traefik")))), "p.json");
    expect(head).toEqual([]);
    expect(checkObjects(base, head).findings.find((f) => f.rule === "loadbalancer-recreated")!.message).toContain("is deleted");
  });

  it("derives apiVersion and kind from the type token and renames x_kubernetes_ schema keys", () => {
    const urn = "urn:pulumi:dev::p::kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition::things";
    const crd = { metadata: { name: "things.example.com" }, spec: { group: "example.com", scope: "Namespaced", names: { kind: "Thing", plural: "things" }, versions: [{ name: "v1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object", x_kubernetes_preserve_unknown_fields: true } } }] } };
    const { head } = readPulumiPreview(preview(step("create", urn, undefined, state("kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition", crd))), "p.json");
    expect(head[0]!.object).toMatchObject({ apiVersion: "apiextensions.k8s.io/v1", kind: "CustomResourceDefinition" });
    const result = checkObjects([], head);
    expect(result.findings.map((f) => f.rule)).toContain("crd-without-schema");
  });

  it("skips objects whose name is unknown until the update, and says so", () => {
    const urn = "urn:pulumi:dev::p::kubernetes:core/v1:ConfigMap::cfg";
    const { head, skipped } = readPulumiPreview(preview(step("create", urn, undefined, state("kubernetes:core/v1:ConfigMap", { metadata: { name: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" } }))), "p.json");
    expect(head).toEqual([]);
    expect(skipped).toEqual([`${urn}: ConfigMap has no metadata.name yet (unknown until the update runs): not checked`]);
  });

  it("a preview without steps is an empty change; anything else is bad input naming the file", () => {
    expect(readPulumiPreview(JSON.stringify({ diagnostics: [] }), "p.json")).toMatchObject({ base: [], head: [] });
    expect(() => readPulumiPreview("Previewing update (dev)", "p.json")).toThrow(InputError);
    expect(() => readPulumiPreview("[]", "p.json")).toThrow(/p\.json: not the JSON of `pulumi preview --json`/);
    expect(() => readPulumiPreview(JSON.stringify({ steps: [{ op: "create" }] }), "p.json")).toThrow(/step 1 has no op and urn/);
  });
});

describe("readPulumiPreview on real engine output (fixtures/engine-lb-renamed.json)", () => {
  it("the renamed LoadBalancer Service is a replace that blocks, with the hosts routed through it", async () => {
    const file = join(import.meta.dirname, "fixtures", "engine-lb-renamed.json");
    const { base, head, secrets, notes } = readPulumiPreview(await readFile(file, "utf8"), "engine-lb-renamed.json");
    expect(notes).toEqual([]); // --show-sames: unchanged resources are there
    expect(base).toHaveLength(14);
    const result = checkObjects(base, head, { secrets });
    expect(result.changes.map((c) => `${c.op} ${c.head?.ref.name}`)).toEqual(["replace traefik-lb"]);
    expect(result.changes[0]!.replaceReasons).toEqual(["renamed from Service traefik/traefik to Service traefik/traefik-lb", "pulumi preview plans a replace (replaceReasons: metadata.name)"]);
    const lb = result.findings.find((f) => f.rule === "loadbalancer-recreated")!;
    expect(lb.urn).toBe(SVC_URN);
    expect(lb.message).toContain("api.example.com, whoami.example.com");
    expect(result.decision).toBe("block");
  });

  it("without --show-sames it says so", () => {
    const text = preview(step("replace", SVC_URN, state("kubernetes:core/v1:Service", svc("traefik")), state("kubernetes:core/v1:Service", svc("traefik")), { replaceReasons: ["spec"] }));
    expect(readPulumiPreview(text, "p.json").notes).toEqual([expect.stringContaining("pulumi preview --json --show-sames")]);
  });
});
