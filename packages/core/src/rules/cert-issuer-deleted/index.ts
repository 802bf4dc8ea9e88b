import type { Manifest, ManifestSet } from "../../model/manifest.js";
import { describeRef } from "../../normalize/index.js";
import { defineRule } from "../rule.js";

const CERT_MANAGER = "cert-manager.io";

/** Something of head that still asks the deleted issuer for a certificate. */
interface Dependent {
  manifest: Manifest;
  hosts: string[];
}

export default defineRule({
  meta: {
    id: "cert-issuer-deleted",
    severity: "high",
    summary: "A cert-manager Issuer or ClusterIssuer is deleted while Certificates or Ingress annotations of head still name it.",
    incidents: ["004", "002"],
    remediation:
      "Keep the issuer until nothing names it: move every Certificate issuerRef and cert-manager.io/issuer or cluster-issuer annotation to the new issuer in the same change (or an earlier one), then delete the old issuer.",
  },
  check({ base, head, report }) {
    for (const issuer of base.manifests) {
      if (issuer.group !== CERT_MANAGER || (issuer.ref.kind !== "Issuer" && issuer.ref.kind !== "ClusterIssuer") || head.byKey.has(issuer.key)) continue;
      const dependents = dependentsOf(issuer, head);
      if (dependents.length === 0) continue;
      const hosts = [...new Set(dependents.flatMap((d) => d.hosts))];
      report({
        manifest: issuer,
        message: `${describeRef(issuer.ref)} is deleted, but ${dependents.map((d) => describeRef(d.manifest.ref)).join(", ")} still name${dependents.length === 1 ? "s" : ""} it: cert-manager can neither renew their certificates nor issue new ones${hosts.length ? ` (${hosts.join(", ")})` : ""}, so each serves its current certificate until it expires, and a new or changed one gets none (incident 004: a certificate change made hosts serve the wrong certificate; incident 002: certificates that could not be renewed)`,
      });
    }
  },
});

function dependentsOf(issuer: Manifest, head: ManifestSet): Dependent[] {
  const cluster = issuer.ref.kind === "ClusterIssuer";
  const names = (ns: string | undefined, name: string | undefined, kind: string): boolean =>
    name === issuer.ref.name && kind === issuer.ref.kind && (cluster || ns === issuer.ref.namespace);
  return head.manifests.flatMap((m) => {
    if (m.group === CERT_MANAGER && m.ref.kind === "Certificate") {
      const spec = (m.object.spec ?? {}) as { issuerRef?: { name?: string; kind?: string; group?: string }; dnsNames?: string[] };
      const ref = spec.issuerRef;
      if (!ref || (ref.group ?? CERT_MANAGER) !== CERT_MANAGER || !names(m.ref.namespace, ref.name, ref.kind ?? "Issuer")) return [];
      return [{ manifest: m, hosts: spec.dnsNames ?? [] }];
    }
    if (m.ref.kind !== "Ingress") return [];
    const annotations = m.object.metadata.annotations ?? {};
    const named = names(m.ref.namespace, annotations["cert-manager.io/cluster-issuer"], "ClusterIssuer") || names(m.ref.namespace, annotations["cert-manager.io/issuer"], "Issuer");
    if (!named) return [];
    const tls = ((m.object.spec as { tls?: Array<{ hosts?: string[] }> } | undefined)?.tls ?? []).flatMap((t) => t.hosts ?? []);
    return [{ manifest: m, hosts: tls }];
  });
}
