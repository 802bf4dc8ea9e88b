import type { Manifest } from "../../model/manifest.js";
import { describeRef, resourceKey } from "../../normalize/index.js";
import { routeLabel, routeTable, type Route } from "../../routes/index.js";
import { workloadNamespaces } from "../../workloads/index.js";
import { defineRule } from "../rule.js";
import { endpointProblems, type EndpointProblem } from "./problems.js";

export default defineRule({
  meta: {
    id: "service-selects-no-pods",
    severity: "high",
    summary: "A Service selects no pods of the change, or its targetPort names a port no selected container declares, so it has no endpoints.",
    incidents: ["003"],
    remediation:
      "Make the Service's spec.selector equal labels of the pod template it fronts (same namespace), and its targetPort a containerPort name those containers declare (or a number); check both after renaming labels or ports in a Deployment.",
  },
  check({ base, head, report }) {
    // Endpoints are computed only where the change has workloads (either side): elsewhere the pods live outside it.
    const computable = workloadNamespaces(base, head);
    const routes = routeTable(head);
    for (const service of head.manifests) {
      if (service.group !== "" || service.ref.kind !== "Service") continue;
      const problems = endpointProblems(service, head, computable);
      if (!problems?.length) continue;
      const old = base.byKey.get(service.key);
      const before = old ? endpointProblems(old, base, computable) : undefined;
      for (const problem of problems) {
        const behind = routesTo(service, problem, routes);
        const regression = old !== undefined && before !== undefined && !before.some((p) => p.key === problem.key || p.key === "selector");
        const preexisting = before?.some((p) => p.key === problem.key) ?? false;
        report({
          manifest: service,
          message: message(service, problem, behind, regression, preexisting),
          severity: regression ? (behind.length ? "critical" : "high") : preexisting ? "warning" : behind.length ? "high" : "warning",
        });
      }
    }
  },
});

function message(service: Manifest, problem: EndpointProblem, behind: Route[], regression: boolean, preexisting: boolean): string {
  const hosts = [...new Set(behind.flatMap((r) => r.hosts))];
  const routes = [...new Set(behind.map(routeLabel))];
  const effect = behind.length
    ? `routes behind it (${routes.join(", ")}; host${hosts.length === 1 ? "" : "s"} ${hosts.join(", ") || "*"}) get no endpoints and the ingress controller answers 503`
    : "it has no endpoints: whatever calls it gets connection errors";
  const when = regression ? "; it had endpoints at base" : preexisting ? "; already so at base" : "";
  return `${describeRef(service.ref)} ${problem.text}: ${effect} (incident 003: the controller could not reach its backends)${when}`;
}

/** Routes of head whose Service backend is this Service (and this port, for a port problem). */
function routesTo(service: Manifest, problem: EndpointProblem, routes: Route[]): Route[] {
  return routes.filter((r) =>
    r.backends.some((b) => {
      if (b.kind !== "Service" || resourceKey("", "Service", b.namespace, b.name) !== service.key) return false;
      if (!problem.port || b.port === undefined) return true;
      return typeof b.port === "number" || /^\d+$/.test(b.port) ? Number(b.port) === problem.port.port : b.port === problem.port.name;
    }),
  );
}
