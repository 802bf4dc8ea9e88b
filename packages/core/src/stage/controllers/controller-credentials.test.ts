import yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import type { KubeObject } from "../../model/kube-object.js";
import { normalize } from "../../normalize/normalize.js";
import { findIngressControllers } from "../../workloads/ingress-controllers.js";
import { bindingsFor, controllerServiceAccount } from "./controller-credentials.js";

function setOf(text: string) {
  const objects = yaml.loadAll(text).filter(Boolean) as KubeObject[];
  return normalize(objects.map((object, documentIndex) => ({ object, source: { file: "t.yaml", line: 1, documentIndex } })));
}

const DEPLOYMENT = (sa: string) => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: traefik, namespace: edge }
spec:
  template:
    metadata: { labels: { app: traefik } }
    spec:
      ${sa}
      containers: [{ name: traefik, image: "traefik:v3.6.15", args: ["--providers.kubernetescrd"] }]
`;

describe("controller identity", () => {
  it("is the pod spec's ServiceAccount, or default", () => {
    const named = findIngressControllers(setOf(DEPLOYMENT("serviceAccountName: proxy")))[0]!;
    expect(controllerServiceAccount(named)).toEqual({ namespace: "edge", name: "proxy" });
    const none = findIngressControllers(setOf(DEPLOYMENT("")))[0]!;
    expect(controllerServiceAccount(none)).toEqual({ namespace: "edge", name: "default" });
  });

  it("finds the RoleBindings and ClusterRoleBindings the manifests grant it", () => {
    const set = setOf(`${DEPLOYMENT("serviceAccountName: proxy")}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: proxy }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: proxy }
subjects: [{ kind: ServiceAccount, name: proxy, namespace: edge }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: proxy-local, namespace: edge }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: proxy }
subjects: [{ kind: ServiceAccount, name: proxy }]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: other }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: proxy }
subjects: [{ kind: ServiceAccount, name: proxy, namespace: elsewhere }]
`);
    expect(bindingsFor(set, { namespace: "edge", name: "proxy" })).toEqual(["ClusterRoleBinding proxy", "RoleBinding edge/proxy-local"]);
    expect(bindingsFor(set, { namespace: "edge", name: "default" })).toEqual([]);
  });
});
