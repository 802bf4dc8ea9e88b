import { describe, expect, it } from "vitest";
import { buildSides } from "../check/build-sides.js";
import { parseSources } from "../load/load-manifests.js";
import { planStandins } from "../stage/standins/plan.js";
import { emulateNetworkPolicies } from "./network-policy-emulation.js";

const set = (text: string) => buildSides([], parseSources([{ file: "m.yaml", text, format: "yaml" }]), {}).head;

const APP = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: traefik, namespace: ingress}
spec:
  selector: {matchLabels: {app: traefik}}
  template:
    metadata: {labels: {app: traefik}}
    spec: {containers: [{name: traefik, image: "traefik:v3.6.15", args: [--providers.kubernetesingress]}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: portal, namespace: portal}
spec:
  selector: {matchLabels: {app: portal}}
  template:
    metadata: {labels: {app: portal}}
    spec: {containers: [{name: portal, image: portal:1, ports: [{name: http, containerPort: 8080}, {name: admin, containerPort: 9090}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: portal, namespace: portal}
spec:
  selector: {app: portal}
  ports: [{name: http, port: 80, targetPort: http}, {name: admin, port: 9000, targetPort: admin}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: portal, namespace: portal}
spec:
  rules:
  - host: portal.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: portal, port: {number: 80}}}}, {path: /admin, pathType: Prefix, backend: {service: {name: portal, port: {number: 9000}}}}]}
`;

function emulate(extra: string) {
  const s = set(`${APP}---\n${extra}`);
  return emulateNetworkPolicies(s, planStandins(s));
}

describe("emulateNetworkPolicies", () => {
  it("refuses a backend port a default-deny policy cuts the declared controller off from, saying which policy", () => {
    const e = emulate(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: portal}
spec: {podSelector: {}, policyTypes: [Ingress]}
`);
    expect(e.refused.map((r) => [r.service, r.port])).toEqual([
      ["portal/portal", 8080],
      ["portal/portal", 9090],
    ]);
    expect(e.refused[0]!.reason).toBe("NetworkPolicy portal/default-deny denies Deployment ingress/traefik -> portal/portal port 8080 (emulated at the stand-in)");
  });

  it("keeps ports a policy allows from the controller's namespace, refuses the others", () => {
    const e = emulate(`
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: from-ingress, namespace: portal}
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress}}}], ports: [{port: http}]}]
`);
    expect(e.refused.map((r) => r.port)).toEqual([9090]);
  });

  it("refuses nothing without policies, and says why it cannot judge without a declared controller", () => {
    expect(emulate("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: portal}\n")).toEqual({ refused: [], notes: [] });
    const noController = set(`${APP.split("---").slice(1).join("---")}---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: default-deny, namespace: portal}
spec: {podSelector: {}, policyTypes: [Ingress]}
`);
    const e = emulateNetworkPolicies(noController, planStandins(noController));
    expect(e.refused).toEqual([]);
    expect(e.notes[0]).toMatch(/NetworkPolicies are not emulated: the manifests declare no ingress controller/);
  });
});
