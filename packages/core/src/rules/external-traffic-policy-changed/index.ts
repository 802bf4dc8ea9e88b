import type { Manifest } from "../../model/manifest.js";
import { describeRef } from "../../normalize/index.js";
import type { IngressController } from "../../workloads/index.js";
import { defineRule } from "../rule.js";
import { hostsServedThrough, listHosts } from "../shared/ingress-controller-hosts.js";

type Policy = "Cluster" | "Local";

export default defineRule({
  meta: {
    id: "external-traffic-policy-changed",
    severity: "warning",
    summary: "The externalTrafficPolicy of an ingress controller's LoadBalancer Service changes: load balancer health checks, client source IPs and rollout behaviour change with it.",
    incidents: ["002"],
    remediation:
      "Change externalTrafficPolicy on purpose and in a window: with Local, run the controller on every node that receives traffic (a DaemonSet, or replicas and anti-affinity to match the nodes) and check the load balancer's health checks first; with Cluster, update IP allowlists and rate limits that relied on client source IPs.",
  },
  check({ head, changes, options, report }) {
    for (const change of changes) {
      if (!change.base || !change.head || change.head.group !== "" || change.head.ref.kind !== "Service") continue;
      if (type(change.base) !== "LoadBalancer" || type(change.head) !== "LoadBalancer") continue;
      const from = policy(change.base);
      const to = policy(change.head);
      if (from === to) continue;
      const served = hostsServedThrough(change.head, head, options.ingressControllers);
      if (served.controllers.length === 0) continue;
      const via = served.controllers.map((c) => describeRef(c.manifest.ref)).join(", ");
      const hosts = served.hosts.length ? ` Hosts behind it: ${listHosts(served.hosts)}.` : "";
      report({
        manifest: change.head,
        message: `${describeRef(change.head.ref)} (type LoadBalancer, in front of ${via}) changes externalTrafficPolicy from ${from} to ${to}: ${to === "Local" ? toLocal(served.controllers) : TO_CLUSTER}${hosts} (incident 002: a change to the controller's LoadBalancer Service cut traffic to every host behind it)`,
      });
    }
  },
});

const TO_CLUSTER =
  "every node now accepts traffic and forwards it to controller pods on other nodes, so the controller sees node addresses instead of client source IPs (IP allowlists, rate limits and logs keyed on the client address change meaning), and the load balancer's health checks stop following the controller pods.";

function toLocal(controllers: IngressController[]): string {
  const sizes = controllers.map((c) => {
    if (c.manifest.ref.kind === "DaemonSet") return `${describeRef(c.manifest.ref)} runs on every node it is scheduled to; a node still drops traffic while its pod restarts during a rollout`;
    const replicas = (c.manifest.object.spec as { replicas?: number } | undefined)?.replicas ?? 1;
    return `${describeRef(c.manifest.ref)} runs ${replicas} pod${replicas === 1 ? "" : "s"}: with fewer controller pods than nodes, nodes without one fail the health check, and during rollouts nodes whose pod moves away drop connections until the load balancer notices`;
  });
  return `the load balancer now health-checks each node (healthCheckNodePort) and sends traffic only to nodes running a controller pod, and client source IPs reach the controller unchanged; ${sizes.join("; ")}.`;
}

function type(m: Manifest): string {
  return (m.object.spec as { type?: string } | undefined)?.type ?? "ClusterIP";
}

function policy(m: Manifest): Policy {
  return (m.object.spec as { externalTrafficPolicy?: string } | undefined)?.externalTrafficPolicy === "Local" ? "Local" : "Cluster";
}
