import type { Manifest } from "../../model/manifest.js";
import { describeRef } from "../../normalize/index.js";
import { findIngressControllers } from "../../workloads/index.js";
import { defineRule } from "../rule.js";
import { ingressClassesOf } from "../shared/ingress-controller-hosts.js";

export default defineRule({
  meta: {
    id: "ingress-class-unserved",
    severity: "warning",
    summary: "An Ingress moves to an ingress class that no ingress controller in the change serves.",
    incidents: ["000"],
    remediation:
      "Check that a controller serves the new class in the target cluster (an IngressClass whose spec.controller is that controller, or its --ingress-class flag); ship the IngressClass with the controller in the same change, or keep the old class until the new one is served.",
  },
  check({ head, changes, options, report }) {
    const controllers = findIngressControllers(head, options.ingressControllers);
    const served = new Set(controllers.flatMap((c) => [...ingressClassesOf(c, head)]));
    for (const change of changes) {
      if (!change.base || !change.head || !isIngress(change.head)) continue;
      const from = ingressClass(change.base);
      const to = ingressClass(change.head);
      if (to === undefined || to === from || served.has(to)) continue;
      const hosts = [...new Set(((change.head.object.spec as { rules?: Array<{ host?: string }> } | undefined)?.rules ?? []).map((r) => r.host ?? "*"))];
      const inChange = controllers.length
        ? `no ingress controller of the change (${controllers.map((c) => describeRef(c.manifest.ref)).join(", ")}) serves it`
        : "the change ships no ingress controller that serves it";
      report({
        manifest: change.head,
        message: `${describeRef(change.head.ref)} moves from ingress class ${from ?? "(none: the default class)"} to ${to}, and ${inChange}: host${hosts.length === 1 ? "" : "s"} ${hosts.join(", ") || "*"} stop${hosts.length === 1 ? "s" : ""} being routed (404 from the old controller) unless a controller outside the change serves class ${to} (incident 000: routes a controller silently drops answer 404)`,
      });
    }
  },
});

function isIngress(m: Manifest): boolean {
  return m.ref.kind === "Ingress" && m.group === "networking.k8s.io";
}

/** spec.ingressClassName, else the legacy kubernetes.io/ingress.class annotation. */
function ingressClass(m: Manifest): string | undefined {
  return (m.object.spec as { ingressClassName?: string } | undefined)?.ingressClassName ?? m.object.metadata.annotations?.["kubernetes.io/ingress.class"];
}
