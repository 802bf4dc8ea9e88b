import type { Change } from "../../model/change.js";
import type { Manifest } from "../../model/manifest.js";
import { describeRef } from "../../normalize/index.js";
import { defineRule } from "../rule.js";
import { hostsServedThrough, listHosts, type ServedHosts } from "../shared/ingress-controller-hosts.js";
import { addressNotes, serviceSpec } from "./static-address.js";

const EXTERNAL_DNS = ["external-dns.alpha.kubernetes.io/hostname", "external-dns.alpha.kubernetes.io/internal-hostname"];

export default defineRule({
  meta: {
    id: "loadbalancer-recreated",
    severity: "critical",
    summary: "A LoadBalancer Service is deleted, recreated, renamed or changed to another type, so the cloud releases its external address.",
    incidents: ["002"],
    remediation:
      "Keep the LoadBalancer Service in place: upgrade the release in place instead of uninstalling/reinstalling or renaming it, and change mutable fields only. If it must be recreated, reserve its address first (loadBalancerIP or the provider's static-IP annotation), lower the DNS TTL one TTL ahead, update the listed records as soon as the new address is assigned, and probe every host.",
  },
  check({ base, changes, options, report }) {
    for (const change of changes) {
      const old = change.base;
      if (!old || old.group !== "" || old.ref.kind !== "Service" || serviceSpec(old).type !== "LoadBalancer") continue;
      const what = whatHappens(change);
      if (!what) continue;
      const served = hostsServedThrough(old, base, options.ingressControllers);
      const message = [
        `${describeRef(old.ref)} (type LoadBalancer) is ${what}: the cloud provider releases its external IP/hostname, and DNS records pointing at it go dead until they are changed and their TTL expires (incident 002: reinstalling Traefik recreated its LoadBalancer Service; A records kept the old IP and a 1h TTL prolonged the outage).`,
        hostsSentence(served),
        externalDnsSentence(old),
        ...addressNotes(old, change.head),
      ].filter((s) => s !== "").join(" ");
      report({ manifest: change.head ?? old, message });
    }
  },
});

/** undefined when the load balancer survives (an in-place update keeps its address). */
function whatHappens(change: Change): string | undefined {
  if (change.op === "delete") return "deleted";
  if (change.op !== "replace" || !change.head) return undefined;
  const parts: string[] = [];
  const renamed = change.replaceReasons.some((r) => r.startsWith("renamed from"));
  if (renamed) parts.push(`renamed to ${describeRef(change.head.ref)} (the cluster deletes and creates it)`);
  const headType = serviceSpec(change.head).type ?? "ClusterIP";
  if (headType !== "LoadBalancer") parts.push(`changed to type ${headType}`);
  if (parts.length === 0) parts.push(`recreated (${change.replaceReasons.join("; ")})`);
  return parts.join(" and ");
}

function hostsSentence(served: ServedHosts): string {
  if (served.controllers.length === 0) return "Check every DNS record that points at its address.";
  const via = served.controllers.map((c) => `${describeRef(c.manifest.ref)} (${c.image})`).join(", ");
  if (served.hosts.length === 0) return `It fronts ingress controller ${via}, but base declares no routed hosts for it: check every DNS record that points at its address.`;
  const hostless = served.hostless > 0 ? ` (plus ${served.hostless} route${served.hostless === 1 ? "" : "s"} without a host)` : "";
  return `Hosts routed through it by ${via} that will need DNS changes: ${listHosts(served.hosts)}${hostless}.`;
}

function externalDnsSentence(old: Manifest): string {
  const hosts = externalDnsHosts(old);
  if (hosts.length === 0) return "";
  return `external-dns publishes ${hosts.join(", ")} for it: it rewrites or removes those records only after the address changes, and resolvers keep the released address for the record TTL.`;
}

function externalDnsHosts(m: Manifest): string[] {
  const annotations = m.object.metadata.annotations ?? {};
  return EXTERNAL_DNS.flatMap((k) => (annotations[k] ?? "").split(",")).map((h) => h.trim()).filter(Boolean);
}
