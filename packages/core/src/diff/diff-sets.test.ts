import { describe, expect, it } from "vitest";
import { buildSides } from "../check/build-sides.js";
import { parseSources } from "../load/load-manifests.js";

const objs = (text: string) => parseSources([{ file: "x.yaml", text, format: "yaml" }]);
const changesOf = (base: string, head: string) => buildSides(objs(base), objs(head), {}).changes;

const deployment = (extra = "", image = "nginx:1.25", selector = "app: web") => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {${selector}}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: web, image: ${image}, ports: [{containerPort: 80}]}
      - {name: sidecar, image: envoy:1}${extra}
`;

describe("diffSets", () => {
  it("ignores reordered documents, keys and merge-keyed list items", () => {
    const reordered = `
kind: Deployment
apiVersion: apps/v1
metadata: {namespace: shop, name: web}
spec:
  template:
    spec:
      containers:
      - {image: envoy:1, name: sidecar}
      - {ports: [{containerPort: 80}], name: web, image: nginx:1.25}
    metadata: {labels: {app: web}}
  selector: {matchLabels: {app: web}}
  replicas: 2
---
apiVersion: v1
kind: ConfigMap
metadata: {name: c, namespace: shop}
`;
    expect(changesOf(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: shop}\n---${deployment()}`, reordered)).toEqual([]);
  });

  it("ignores server-owned noise", () => {
    const noisy = deployment().replace("metadata: {name: web, namespace: shop}", "metadata: {name: web, namespace: shop, uid: abc, resourceVersion: '9', generation: 3, managedFields: [{manager: x}]}") + "status: {replicas: 2}\n";
    expect(changesOf(deployment(), noisy)).toEqual([]);
  });

  it("reports field-level updates with merge-key paths and a unified patch", () => {
    const [change] = changesOf(deployment(), deployment("", "nginx:1.27"));
    expect(change!.op).toBe("update");
    expect(change!.fields).toEqual([{ path: "spec.template.spec.containers[name=web].image", kind: "changed", before: "nginx:1.25", after: "nginx:1.27" }]);
    expect(change!.patch).toMatch(/^-\s+- image: nginx:1.25$/m);
    expect(change!.patch).toMatch(/^\+\s+- image: nginx:1.27$/m);
  });

  it("calls an immutable selector change a replace, with the reason", () => {
    const [change] = changesOf(deployment(), deployment("", "nginx:1.25", "app: web, tier: front"));
    expect(change!.op).toBe("replace");
    expect(change!.replaceReasons[0]).toMatch(/spec.selector changed/);
  });

  it("calls a LoadBalancer Service that becomes ClusterIP a replace", () => {
    const svc = (type: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: t, namespace: t}\nspec: {type: ${type}, ports: [{port: 80}]}\n`;
    const [change] = changesOf(svc("LoadBalancer"), svc("ClusterIP"));
    expect(change).toMatchObject({ op: "replace" });
  });

  it("detects a rename as one replace instead of delete + create", () => {
    const svc = (name: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: t}\nspec: {type: LoadBalancer, selector: {app: traefik}, ports: [{port: 80, name: web}, {port: 443, name: websecure}]}\n`;
    const changes = changesOf(svc("traefik"), svc("traefik-v2"));
    expect(changes).toHaveLength(1);
    expect(changes[0]!.op).toBe("replace");
    expect(changes[0]!.replaceReasons[0]).toBe("renamed from Service t/traefik to Service t/traefik-v2");
  });

  it("keeps identity across API group moves (extensions -> networking.k8s.io)", () => {
    const ing = (v: string) => `apiVersion: ${v}\nkind: Ingress\nmetadata: {name: i, namespace: n}\nspec: {}\n`;
    const changes = changesOf(ing("extensions/v1beta1"), ing("networking.k8s.io/v1"));
    expect(changes.map((c) => [c.op, c.fields.map((f) => f.path)])).toEqual([["update", ["apiVersion"]]]);
  });

  it("defaults the namespace of namespaced kinds but not of cluster-scoped ones", () => {
    const sides = buildSides(objs("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n"), [], {});
    expect(sides.base.manifests.map((m) => m.ref.namespace)).toEqual(["default", undefined]);
  });

  it("applies ignoreDifferences per kind", () => {
    const changes = buildSides(objs(deployment()), objs(deployment().replace("replicas: 2", "replicas: 5")), { ignoreDifferences: [{ kind: "Deployment", jsonPointers: ["/spec/replicas"] }] }).changes;
    expect(changes).toEqual([]);
  });

  it("keeps the last definition of an object defined twice on one side, and lists the earlier one", () => {
    const sides = buildSides(objs("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: first}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: last}\n"), [], {});
    expect(sides.base.manifests.map((m) => m.object.data)).toEqual([{ k: "last" }]);
    expect(sides.base.redefined?.map((r) => [r.earlier.line, r.kept.source.line, r.identical])).toEqual([[1, 6, false]]);
  });
});
