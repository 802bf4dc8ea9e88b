import { describe, expect, it } from "vitest";
import type { Manifest, ManifestSet } from "../../model/manifest.js";
import { interceptsPodsIn } from "./namespace-scope.js";

function setWith(namespaces: Array<{ name: string; labels?: Record<string, string> }>): ManifestSet {
  const manifests: Manifest[] = namespaces.map(({ name, labels }) => ({
    key: `/Namespace//${name}`,
    ref: { apiVersion: "v1", kind: "Namespace", name },
    group: "",
    object: { apiVersion: "v1", kind: "Namespace", metadata: { name, ...(labels ? { labels } : {}) } },
    source: { file: "t.yaml", line: 1, documentIndex: 0 },
  }));
  return { manifests, byKey: new Map(manifests.map((m) => [m.key, m])) };
}

describe("interceptsPodsIn", () => {
  const set = setWith([{ name: "traefik", labels: { "policy.example.com/ignore": "true" } }]);
  it("uses the implicit kubernetes.io/metadata.name label for namespaces without an object", () => {
    const w = { name: "w", namespaceSelector: { matchExpressions: [{ key: "kubernetes.io/metadata.name", operator: "NotIn" as const, values: ["kube-system"] }] } };
    expect(interceptsPodsIn(set, w, "kube-system", [{}])).toBe(false);
    expect(interceptsPodsIn(set, w, "ingress-nginx", [{}])).toBe(true);
  });

  it("reads Namespace labels from the set", () => {
    const w = { name: "w", namespaceSelector: { matchExpressions: [{ key: "policy.example.com/ignore", operator: "DoesNotExist" as const }] } };
    expect(interceptsPodsIn(set, w, "traefik", [{}])).toBe(false);
    expect(interceptsPodsIn(set, w, "kube-system", [{}])).toBe(true);
  });

  it("tests objectSelector on the given pod labels, and a matchCondition naming the namespace excludes it", () => {
    const w = { name: "w", objectSelector: { matchLabels: { app: "traefik" } } };
    expect(interceptsPodsIn(set, w, "traefik", [{ app: "traefik" }])).toBe(true);
    expect(interceptsPodsIn(set, w, "kube-system", [{}])).toBe(false);
    const cel = { name: "w", matchConditions: [{ name: "skip-system", expression: "request.namespace != 'kube-system'" }] };
    expect(interceptsPodsIn(set, cel, "kube-system", [{}])).toBe(false);
    expect(interceptsPodsIn(set, cel, "traefik", [{}])).toBe(true);
  });
});
