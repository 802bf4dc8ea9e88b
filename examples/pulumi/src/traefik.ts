import * as k8s from "@pulumi/kubernetes";
import type { Variant } from "./variants.js";

/**
 * The staging cluster runs only an API server (no kubelet, no controllers): nothing ever becomes
 * ready, so Pulumi must not wait for rollouts or load balancer addresses.
 */
export const SKIP_AWAIT = { "pulumi.com/skipAwait": "true" };

const labels = { "app.kubernetes.io/name": "traefik" };

/** Traefik v3 as its Helm chart installs it: RBAC, 2 replicas, a budget, a LoadBalancer Service. */
export function traefik(variant: Variant): { namespace: k8s.core.v1.Namespace; service: k8s.core.v1.Service } {
  const namespace = new k8s.core.v1.Namespace("traefik", { metadata: { name: "traefik", annotations: SKIP_AWAIT } });
  const ns = namespace.metadata.name;
  const account = new k8s.core.v1.ServiceAccount("traefik", { metadata: { name: "traefik", namespace: ns } });
  const role = new k8s.rbac.v1.ClusterRole("traefik", {
    metadata: { name: "traefik" },
    rules: [
      { apiGroups: [""], resources: ["services", "endpoints", "secrets", "nodes"], verbs: ["get", "list", "watch"] },
      { apiGroups: ["discovery.k8s.io"], resources: ["endpointslices"], verbs: ["get", "list", "watch"] },
      { apiGroups: ["networking.k8s.io"], resources: ["ingresses", "ingressclasses"], verbs: ["get", "list", "watch"] },
      { apiGroups: ["networking.k8s.io"], resources: ["ingresses/status"], verbs: ["update"] },
      { apiGroups: ["traefik.io"], resources: ["ingressroutes", "middlewares", "traefikservices", "tlsoptions", "serverstransports"], verbs: ["get", "list", "watch"] },
    ],
  });
  new k8s.rbac.v1.ClusterRoleBinding("traefik", {
    metadata: { name: "traefik" },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: role.metadata.name },
    subjects: [{ kind: "ServiceAccount", name: account.metadata.name, namespace: ns }],
  });
  new k8s.apps.v1.Deployment("traefik", {
    metadata: { name: "traefik", namespace: ns, labels, annotations: SKIP_AWAIT },
    spec: {
      replicas: 2,
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          serviceAccountName: account.metadata.name,
          containers: [
            {
              name: "traefik",
              image: "docker.io/traefik:v3.6.15",
              args: ["--entrypoints.web.address=:8000", "--entrypoints.websecure.address=:8443", "--providers.kubernetescrd", "--providers.kubernetesingress", "--ping=true"],
              ports: [
                { name: "web", containerPort: 8000 },
                { name: "websecure", containerPort: 8443 },
              ],
              readinessProbe: { httpGet: { path: "/ping", port: 8080 } },
            },
          ],
        },
      },
    },
  });
  new k8s.policy.v1.PodDisruptionBudget("traefik", { metadata: { name: "traefik", namespace: ns }, spec: { maxUnavailable: 1, selector: { matchLabels: labels } } });
  new k8s.networking.v1.IngressClass("traefik", { metadata: { name: "traefik" }, spec: { controller: "traefik.io/ingress-controller" } });
  // Incident 002: a new name is a new Service; the old one, and its load balancer address, go.
  const service = new k8s.core.v1.Service("traefik", {
    metadata: { name: variant === "lb-renamed" ? "traefik-lb" : "traefik", namespace: ns, labels, annotations: SKIP_AWAIT },
    spec: {
      type: "LoadBalancer",
      selector: labels,
      ports: [
        { name: "web", port: 80, targetPort: "web" },
        { name: "websecure", port: 443, targetPort: "websecure" },
      ],
    },
  });
  return { namespace, service };
}
