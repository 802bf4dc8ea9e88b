import { valuesManifest } from "../../helm/pseudo-manifest.js";
import type { ValuesChange } from "../../helm/releases.js";
import type { Change } from "../../model/change.js";
import type { ManifestSet } from "../../model/manifest.js";
import { describeRef } from "../../normalize/index.js";
import { findIngressControllers } from "../../workloads/index.js";
import { defineRule, type RuleOptions } from "../rule.js";

/** What a changed resource is, most dangerous first: the order the finding lists them in. */
type Category = "TLS" | "Service" | "route" | "ingress controller" | "other";
const ORDER: Category[] = ["TLS", "Service", "route", "ingress controller", "other"];
const ROUTE_KINDS = new Set(["Ingress", "IngressRoute", "IngressRouteTCP", "IngressRouteUDP", "HTTPRoute", "GRPCRoute", "TLSRoute", "TCPRoute", "Gateway"]);
const CERT_KINDS = new Set(["Certificate", "Issuer", "ClusterIssuer"]);

export default defineRule({
  meta: {
    id: "global-defaults-blast-radius",
    // It explains, the findings of the releases it lists decide: a fix that restores an earlier
    // default has the same blast radius as the change that broke things (issue "judge the change").
    severity: "info",
    summary: "A values file shared by several Helm releases changed: every release whose rendered output changes is listed, TLS and routing first; the listed releases' own findings decide.",
    incidents: ["004"],
    remediation:
      "Review the rendered change of every listed release, not only the one the defaults change was meant for; override the new default in the releases that must keep the old behaviour, or roll the default out release by release.",
  },
  check({ helm, changes, base, head, options, report }) {
    if (!helm) return;
    const controllers = controllerKeys(base, head, options);
    for (const values of helm.valuesChanges) {
      if (values.releases.length < 2) continue;
      const affected: Array<{ release: string; changes: Array<{ change: Change; category: Category; label: string }> }> = [];
      const unaffected: string[] = [];
      for (const release of values.releases) {
        const own = changes
          .filter((c) => releaseOf(c) === release)
          .map((change) => ({ change, category: categorize(change, controllers), label: "" }))
          .map((c) => ({ ...c, label: label(c.change, c.category) }))
          .sort((a, b) => ORDER.indexOf(a.category) - ORDER.indexOf(b.category) || a.label.localeCompare(b.label));
        if (own.length > 0) affected.push({ release, changes: own });
        else if (renders(helm.releases.find((r) => r.name === release))) unaffected.push(release);
      }
      if (affected.length === 0) continue;
      const risky = affected.filter((a) => a.changes.some((c) => c.category !== "other"));
      // Releases with TLS/Service/route/controller changes first, then by name.
      affected.sort((a, b) => Number(risky.includes(b)) - Number(risky.includes(a)) || a.release.localeCompare(b.release));
      report({
        manifest: valuesManifest(values.key, values.shown, values.line),
        message: message(values, affected, unaffected, risky.length),
      });
    }
  },
});

function releaseOf(change: Change): string | undefined {
  return change.head?.source.release ?? change.base?.source.release;
}

/** A release that rendered on every side it exists on (a failed render is helm-render-failed's). */
function renders(render: { base?: { outcome: { ok: boolean } }; head?: { outcome: { ok: boolean } } } | undefined): boolean {
  return !!render && (render.base?.outcome.ok ?? true) && (render.head?.outcome.ok ?? true);
}

function controllerKeys(base: ManifestSet, head: ManifestSet, options: RuleOptions): Set<string> {
  return new Set([...findIngressControllers(base, options.ingressControllers), ...findIngressControllers(head, options.ingressControllers)].map((c) => c.manifest.key));
}

function categorize(change: Change, controllers: Set<string>): Category {
  const m = (change.head ?? change.base)!;
  const kind = m.ref.kind;
  if (CERT_KINDS.has(kind) || (kind === "Secret" && (m.object as { type?: string }).type === "kubernetes.io/tls")) return "TLS";
  if (ROUTE_KINDS.has(kind) && change.fields.some((f) => /(^|\.)tls\b|cert-manager\.io|certresolver/i.test(f.path))) return "TLS";
  if (kind === "Service") return "Service";
  if (ROUTE_KINDS.has(kind)) return "route";
  if (controllers.has(change.key)) return "ingress controller";
  return "other";
}

function label(change: Change, category: Category): string {
  const m = (change.head ?? change.base)!;
  const fields = change.op === "update" || change.op === "replace" ? change.fields.map((f) => f.path) : [];
  const shownFields = fields.length > 0 ? ` [${fields.slice(0, 3).join(", ")}${fields.length > 3 ? `, +${fields.length - 3}` : ""}]` : "";
  const tag = category === "other" ? "" : ` (${category})`;
  return `${change.op} ${describeRef(m.ref)}${tag}${shownFields}`;
}

function message(values: ValuesChange, affected: Array<{ release: string; changes: Array<{ label: string }> }>, unaffected: string[], risky: number): string {
  const keys = `${values.changedKeys.slice(0, 5).join(", ")}${values.changedKeys.length > 5 ? `, +${values.changedKeys.length - 5} more` : ""}`;
  const perRelease = affected.map((a) => `${a.release}: ${a.changes.map((c) => c.label).join("; ")}`).join(" | ");
  const calm = unaffected.length > 0 ? `; unaffected (render the same): ${unaffected.join(", ")}` : "";
  const why = risky > 0
    ? `${risky} of them change${risky > 1 ? "" : "s"} TLS, Services, routes or ingress controllers: a shared default can break releases nobody meant to touch (incident 004)`
    : "a shared default changes releases nobody meant to touch (incident 004)";
  return (
    `${values.shown} (changed: ${keys}) is read by ${values.releases.length} releases; ` +
    `${affected.length} render differently: ${perRelease}${calm}; ${why}`
  );
}
