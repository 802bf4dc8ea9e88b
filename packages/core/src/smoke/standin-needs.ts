/**
 * Stand-ins never mask the change. Staging creates what the manifests lack (namespaces, classes,
 * TLS Secrets, certificates of issuers, the Gateway API CRDs) only when the cluster evidently has
 * it: base, which runs in production, relies on it outside its manifests. What only head relies
 * on is not created: head now depends on it, the report says so, and routes that need it fail in
 * staging as they would in a cluster without it.
 *
 * One exception, for cert-manager issuers that neither side ships: a change that starts using
 * one (adopting cert-manager, incident 004) would otherwise lose every certificate in staging and
 * prove nothing about the names it asks for. Their certificates are issued, and the report says
 * head assumes the issuer exists. An issuer base ships and head deletes is never stood in.
 */
import type { ManifestSet } from "../model/manifest.js";
import { missingGatewayClasses, shipsGatewayCrds, usesGatewayApi } from "./gateway-api.js";
import { planTlsSecrets } from "./tls-material.js";

export type Side = "base" | "head";

/** `Kind/name` or `Kind/namespace/name`: "IngressClass/traefik", "Secret/apps/shop-tls", "ClusterIssuer/letsencrypt". */
export type DependencyKey = string;

export const GATEWAY_CRDS_DEPENDENCY = "CustomResourceDefinition/gateway.networking.k8s.io";

export interface StandinDecision {
  /** Whether staging may create (or issue from) this dependency on that side. */
  permits(side: Side, key: DependencyKey): boolean;
  /** What staging stands in for, with the sides that rely on it. */
  standins: Array<{ key: DependencyKey; sides: Side[] }>;
  /** What only head relies on outside the manifests: not stood in. */
  headOnly: DependencyKey[];
  /** Issuers only head names and neither side ships: stood in, and said to be assumed. */
  assumedIssuers: DependencyKey[];
  notes: string[];
}

/** "IngressClass traefik", "Secret apps/shop-tls". */
export const dependencyLabel = (key: DependencyKey): string => key.replace("/", " ");

export function decideStandins(base: ManifestSet, head: ManifestSet): StandinDecision {
  const outside = { base: outsideDependencies(base), head: outsideDependencies(head) };
  const standins = [...new Set([...outside.base, ...outside.head])]
    .filter((key) => outside.base.has(key))
    .sort()
    .map((key) => ({ key, sides: (["base", "head"] as const).filter((s) => outside[s].has(key)) }));
  const newlyNamed = [...outside.head].filter((key) => !outside.base.has(key));
  const assumedIssuers = newlyNamed.filter((key) => isIssuer(key) && !shipped(base, key)).sort();
  const headOnly = newlyNamed.filter((key) => !assumedIssuers.includes(key)).sort();
  const notes: string[] = [];
  if (standins.length) notes.push(`stood in, as base relies on them outside its manifests: ${standins.map((s) => `${dependencyLabel(s.key)} (${s.sides.join(" and ")})`).join(", ")}`);
  if (headOnly.length) {
    notes.push(
      `head now depends on ${headOnly.map(dependencyLabel).join(", ")}: neither in the change nor relied on by base, so staging does not stand in for ${headOnly.length === 1 ? "it" : "them"} (what needs ${headOnly.length === 1 ? "it" : "them"} fails here as it would in a cluster without ${headOnly.length === 1 ? "it" : "them"})`,
    );
  }
  if (assumedIssuers.length) notes.push(`head starts using ${assumedIssuers.map(dependencyLabel).join(", ")}, which neither side ships: staging issues the certificates it would (their names are what is proven) and assumes it exists in the cluster`);
  return {
    // Base runs in production: what it relies on is there. Head gets only what base relied on too.
    permits: (side, key) => !outside[side].has(key) || outside.base.has(key) || assumedIssuers.includes(key),
    standins,
    headOnly,
    assumedIssuers,
    notes,
  };
}

/** What a side uses and does not provide itself: the cluster (or nothing) has to. */
export function outsideDependencies(set: ManifestSet): Set<DependencyKey> {
  const keys = new Set<DependencyKey>();
  for (const ns of missingNamespaces(set)) keys.add(`Namespace/${ns}`);
  for (const c of undeclaredIngressClasses(set)) keys.add(`IngressClass/${c}`);
  for (const c of missingGatewayClasses(set)) keys.add(`GatewayClass/${c}`);
  if (usesGatewayApi([set]) && !shipsGatewayCrds([set])) keys.add(GATEWAY_CRDS_DEPENDENCY);
  for (const s of planTlsSecrets(set, undefined).secrets) if (s.needs && !shipped(set, s.needs)) keys.add(s.needs);
  return keys;
}

/** Repositories often deploy into namespaces that exist in the cluster already. */
export function missingNamespaces(set: ManifestSet): string[] {
  const declared = new Set(set.manifests.filter((m) => m.ref.kind === "Namespace" && m.group === "").map((m) => m.ref.name));
  const used = new Set(set.manifests.map((m) => m.ref.namespace).filter((n): n is string => n !== undefined && n !== "default" && !n.startsWith("kube-")));
  return [...used].filter((n) => !declared.has(n)).sort();
}

/** Ingress classes live with the controller's chart, often outside the repository under review. */
export function undeclaredIngressClasses(set: ManifestSet): string[] {
  const declared = new Set(set.manifests.filter((m) => m.ref.kind === "IngressClass").map((m) => m.ref.name));
  const used = new Set(set.manifests.filter((m) => m.ref.kind === "Ingress").map((m) => (m.object.spec as { ingressClassName?: string } | undefined)?.ingressClassName).filter((c): c is string => !!c));
  return [...used].filter((c) => !declared.has(c)).sort();
}

const isIssuer = (key: DependencyKey): boolean => /^[A-Za-z]*Issuer\//.test(key);

/** Whether the set ships the object a dependency key names (issuers; Secrets are planned only when not shipped). */
function shipped(set: ManifestSet, key: DependencyKey): boolean {
  const [kind, ...rest] = key.split("/");
  const name = rest.pop();
  const namespace = rest[0];
  return set.manifests.some((m) => m.ref.kind === kind && m.ref.name === name && (namespace === undefined || m.ref.namespace === namespace));
}
