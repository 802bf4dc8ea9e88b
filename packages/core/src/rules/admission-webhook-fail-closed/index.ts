import type { Severity } from "../../model/finding.js";
import type { ManifestSet } from "../../model/manifest.js";
import { describeRef } from "../../normalize/index.js";
import { defineRule } from "../rule.js";
import { interceptsPodsIn, protectedNamespaces, type ProtectedNamespace } from "./namespace-scope.js";
import { describeRules, neededResourcesHit } from "./needed-resources.js";
import { describeBackend, failsClosed, webhooksOf, type Webhook } from "./webhook.js";

const KINDS = new Set(["ValidatingWebhookConfiguration", "MutatingWebhookConfiguration"]);
/** Above this, a slow webhook visibly stalls every request it intercepts (the API default is 10s). */
const SLOW_TIMEOUT = 10;

export default defineRule({
  meta: {
    id: "admission-webhook-fail-closed",
    severity: "high",
    summary: "An admission webhook fails closed for kube-system or the ingress controller's namespace, so its outage blocks the controller's restart.",
    incidents: ["003", "000"],
    remediation:
      "Exclude kube-system, the ingress controller's namespace and the webhook's own namespace with a namespaceSelector (kubernetes.io/metadata.name NotIn [...]), or set failurePolicy: Ignore; keep timeoutSeconds low and run the webhook with several replicas and a PodDisruptionBudget.",
  },
  check({ head, changes, options, report }) {
    const guarded = protectedNamespaces(head, options.ingressControllers);
    for (const change of changes) {
      const manifest = change.head;
      if (change.op === "delete" || !manifest || manifest.group !== "admissionregistration.k8s.io" || !KINDS.has(manifest.ref.kind)) continue;
      const before = change.base ? webhooksOf(change.base.object) : [];
      for (const webhook of webhooksOf(manifest.object)) {
        const risk = assess(head, manifest.ref.apiVersion, webhook, guarded);
        if (!risk) continue;
        // A webhook that already failed closed for the same namespaces (a caBundle rotation) is not new risk.
        const old = before.find((b) => b.name === webhook.name);
        const oldRisk = old && change.base ? assess(head, change.base.ref.apiVersion, old, guarded) : undefined;
        if (oldRisk && oldRisk.key === risk.key) continue;
        report({ manifest, severity: risk.severity, message: message(describeRef(manifest.ref), webhook, risk, head) });
      }
    }
  },
});

interface Risk {
  severity: Severity;
  namespaces: ProtectedNamespace[];
  /** Needed resources the webhook intercepts ("pods", "coordination.k8s.io/leases"). */
  hits: string[];
  key: string;
}

function assess(set: ManifestSet, apiVersion: string, webhook: Webhook, guarded: ProtectedNamespace[]): Risk | undefined {
  const rules = (webhook.rules ?? []).filter((r) => (r.operations ?? []).length > 0 && (r.resources ?? []).length > 0);
  if (rules.length === 0 || !failsClosed(apiVersion, webhook)) return undefined;
  const namespaces = guarded.filter((g) => interceptsPodsIn(set, webhook, g.namespace, g.podLabels));
  if (namespaces.length === 0) return undefined;
  const hits = neededResourcesHit(rules);
  const severity: Severity = hits.length > 0 ? "high" : "warning";
  return { severity, namespaces, hits, key: `${severity}|${namespaces.map((n) => n.namespace).join(",")}|${hits.join(",")}` };
}

function message(config: string, webhook: Webhook, risk: Risk, set: ManifestSet): string {
  const policy = webhook.failurePolicy ? "failurePolicy: Fail" : "failurePolicy unset, and Fail is the admissionregistration.k8s.io/v1 default";
  const namespaces = risk.namespaces.map((n) => n.namespace).join(", ");
  const backend = describeBackend(webhook);
  const controllers = risk.namespaces.flatMap((n) => n.controllers);
  const controllerText = controllers.length > 0 ? `the ingress controller ${controllers.join(", ")}` : "the ingress controller";
  const opening = `${config} webhook "${webhook.name}" fails closed (${policy}) and its selectors do not exclude ${namespaces}`;
  let effect: string;
  if (risk.severity === "warning") {
    effect = `it only intercepts ${describeRules(webhook.rules ?? [])}, which the ingress controller does not need, but while ${backend} is down those requests fail in ${namespaces} too`;
  } else if (risk.hits.includes("pods")) {
    const system = risk.namespaces.some((n) => n.namespace === "kube-system") ? "; kube-system's DNS and CNI pods cannot come back either" : "";
    effect = `while ${backend} is down or unreachable, no pod can be created there: ${controllerText} cannot restart, scale or roll out${system}`;
  } else {
    effect = `while ${backend} is down or unreachable, writes to ${risk.hits.join(", ")} fail there, which ${controllerText} needs to run and roll out`;
  }
  const own = webhook.clientConfig?.service?.namespace;
  const selfHosted = own && risk.hits.includes("pods") && interceptsPodsIn(set, webhook, own, [{}]) ? `; its own namespace ${own} is not excluded either, so the webhook's pods cannot come back by themselves` : "";
  const timeout = (webhook.timeoutSeconds ?? 0) > SLOW_TIMEOUT ? `; timeoutSeconds ${webhook.timeoutSeconds} also holds each of those requests up to ${webhook.timeoutSeconds}s` : "";
  return `${opening}: ${effect}${selfHosted}${timeout} (incidents 003 and 000: both outages hit when the ingress controller had to be restarted or reinstalled)`;
}
