import { describe, expect, it } from "vitest";
import type { Manifest } from "../../model/manifest.js";
import { canonicalGroup } from "../../normalize/canonical-group.js";
import { calicoPolicy } from "./calico-policy.js";
import type { Source, Target } from "./endpoints.js";
import { k8sPolicy } from "./k8s-policy.js";
import { evaluateFlow, type TierInfo } from "./verdict.js";

function manifest(apiVersion: string, kind: string, name: string, namespace: string | undefined, spec: unknown): Manifest {
  const group = canonicalGroup(apiVersion, kind);
  return {
    key: `${group}/${kind}/${namespace ?? ""}/${name}`,
    ref: { apiVersion, kind, name, ...(namespace ? { namespace } : {}) },
    group,
    object: { apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) }, spec },
    source: { file: "test.yaml", line: 1, documentIndex: 0 },
  };
}
const np = (name: string, spec: unknown) => k8sPolicy(manifest("networking.k8s.io/v1", "NetworkPolicy", name, "shop", spec));
const gnp = (name: string, spec: unknown) => calicoPolicy(manifest("projectcalico.org/v3", "GlobalNetworkPolicy", name, undefined, spec));

const traefik: Source = {
  label: "Deployment traefik/traefik", known: true, family: "traefik", namespace: "traefik",
  namespaceLabels: { "kubernetes.io/metadata.name": "traefik" }, podLabels: { app: "traefik" }, hostNetwork: false,
};
const web: Target = {
  service: manifest("v1", "Service", "web", "shop", {}), namespace: "shop",
  namespaceLabels: { "kubernetes.io/metadata.name": "shop" }, podLabels: { app: "web" }, port: { number: 8080, names: ["http"] },
};
const tiers = new Map<string, TierInfo>([["default", { order: 1_000_000, defaultAction: "Deny" }]]);
const verdict = (policies: ReturnType<typeof np>[], source = traefik) => evaluateFlow(policies, tiers, source, web).result;

describe("evaluateFlow with Kubernetes NetworkPolicies", () => {
  const deny = np("deny", { podSelector: {}, policyTypes: ["Ingress"] });
  it("allows when no policy selects the pods, denies a lone default deny", () => {
    expect(verdict([])).toBe("allow");
    expect(verdict([deny])).toBe("deny");
    expect(evaluateFlow([deny], tiers, traefik, web).isolatedBy.map((p) => p.manifest.ref.name)).toEqual(["deny"]);
  });

  it("adds up allow rules across policies (namespace, pod and port)", () => {
    const allow = np("allow", { podSelector: { matchLabels: { app: "web" } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "traefik" } }, podSelector: { matchLabels: { app: "traefik" } } }], ports: [{ port: "http" }] }] });
    expect(verdict([deny, allow])).toBe("allow");
    const wrongPod = np("allow", { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { app: "nginx" } } }] }] });
    expect(verdict([deny, wrongPod])).toBe("deny");
    const podOnly = np("allow", { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] });
    expect(verdict([podOnly])).toBe("deny"); // same namespace only
    const anyone = np("allow", { podSelector: {}, ingress: [{}] });
    expect(verdict([deny, anyone])).toBe("allow");
  });

  it("is unsure about ipBlocks that may hold pod IPs and about host-network controllers", () => {
    expect(verdict([np("p", { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }] })])).toBe("allow");
    expect(verdict([np("p", { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/8" } }] }] })])).toBe("unknown");
    expect(verdict([np("p", { podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: "203.0.113.0/24" } }] }] })])).toBe("deny");
    const byNamespace = np("p", { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "traefik" } } }] }] });
    expect(verdict([byNamespace], { ...traefik, hostNetwork: true })).toBe("unknown");
  });
});

describe("evaluateFlow with Calico policies", () => {
  const defaultDeny = gnp("default-deny", { selector: "projectcalico.org/namespace not in {'kube-system'}", types: ["Ingress"] });
  it("a default-deny GlobalNetworkPolicy denies; one in a Pass tier does not", () => {
    expect(verdict([defaultDeny])).toBe("deny");
    const passTiers = new Map(tiers).set("security", { order: 100, defaultAction: "Pass" });
    const inSecurity = gnp("security.deny", { tier: "security", selector: "all()", types: ["Ingress"] });
    expect(evaluateFlow([inSecurity], passTiers, traefik, web).result).toBe("allow");
  });

  it("orders policies: an earlier Allow wins over a later Deny, an earlier Deny over a Kubernetes allow", () => {
    const allowFirst = gnp("allow", { order: 10, selector: "all()", ingress: [{ action: "Allow", source: { namespaceSelector: "projectcalico.org/name == 'traefik'" } }] });
    const denyAll = gnp("deny", { order: 20, selector: "all()", ingress: [{ action: "Deny" }] });
    expect(verdict([denyAll, allowFirst])).toBe("allow");
    const k8sAllow = np("allow", { podSelector: {}, ingress: [{}] });
    expect(verdict([k8sAllow, denyAll])).toBe("deny"); // order 20 < 1000
    expect(verdict([k8sAllow, defaultDeny])).toBe("allow"); // no order: after the Kubernetes policy
  });

  it("checks protocol and destination ports, and is unsure about selectors it cannot read", () => {
    const udpOnly = gnp("p", { selector: "all()", ingress: [{ action: "Allow", protocol: "UDP" }] });
    expect(verdict([udpOnly])).toBe("deny");
    const range = gnp("p", { selector: "all()", ingress: [{ action: "Allow", destination: { ports: ["8000:8100"] } }] });
    expect(verdict([range])).toBe("allow");
    const odd = gnp("p", { selector: "all()", ingress: [{ action: "Allow", source: { selector: "app = 'traefik'" } }] });
    expect(verdict([odd])).toBe("unknown");
  });
});
