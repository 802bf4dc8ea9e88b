import type { KubeObject } from "../model/kube-object.js";
import type { Manifest, ManifestSet } from "../model/manifest.js";
import type { CertificateAuthority } from "../stage/tls/certificate-authority.js";
import { v1beta1CrdToV1 } from "./crd-v1beta1.js";
import { gatewayClassObject, missingGatewayClasses, TRAEFIK_GATEWAY_CONTROLLER } from "./gateway-api.js";
import { missingNamespaces, undeclaredIngressClasses, type DependencyKey } from "./standin-needs.js";
import { acmeDefaultStore, issueTlsSecrets, planTlsSecrets, type PlannedSecret } from "./tls-material.js";

export interface SideObjects {
  /** The side's manifests plus the TLS Secrets production issuers would have written. */
  objects: KubeObject[];
  /** Secrets kubegate issued from the run CA ("namespace/name"): probes expect that CA. */
  issuedSecrets: Set<string>;
  /** The default certificate standing in for ACME, when routes use a certificate resolver. */
  acmeDefault?: PlannedSecret;
  notes: string[];
}

/** What to apply for one side: its objects as written, then TLS material kubegate stands in for. */
/** `controllerName` is the value IngressClasses use for the staged controller ("traefik.io/ingress-controller"). */
export interface SideStandIns {
  /** CRDs the platform provides and the manifests do not ship (the Gateway API's), applied first. */
  crds?: readonly KubeObject[];
  /** Whether staging may stand in for a dependency on this side (standin-needs.ts); default: everything. */
  permits?: (key: DependencyKey) => boolean;
}

export async function sideObjects(set: ManifestSet, ca: CertificateAuthority, controllerNamespace: string | undefined, controllerName?: string, standIns: SideStandIns = {}): Promise<SideObjects> {
  const permits = standIns.permits ?? (() => true);
  const plan = planTlsSecrets(set, controllerNamespace);
  const permitted = plan.secrets.filter((s) => !s.needs || permits(s.needs));
  const planned = plan.acmeDefault ? [...permitted, plan.acmeDefault] : permitted;
  const secrets = await issueTlsSecrets(ca, planned);
  const store = plan.acmeDefault ? tlsStoreFor(set, plan.acmeDefault) : undefined;
  const notes = [...plan.notes];
  if (plan.acmeDefault && !store) notes.push(`routes use an ACME certificate resolver, but no TLSStore kind is installed: they are served Traefik's default certificate`);
  const namespaces = missingNamespaces(set).filter((n) => permits(`Namespace/${n}`));
  if (namespaces.length) notes.push(`namespaces used but not declared, created for staging: ${namespaces.join(", ")}`);
  const classes = controllerName ? undeclaredIngressClasses(set).filter((c) => permits(`IngressClass/${c}`)) : [];
  if (classes.length) notes.push(`IngressClasses named by Ingresses but not declared, created for the staged controller: ${classes.join(", ")}`);
  // GatewayClasses only when the staged controller is Traefik (the one whose controllerName is known).
  const gatewayClasses = controllerName === "traefik.io/ingress-controller" ? missingGatewayClasses(set).filter((c) => permits(`GatewayClass/${c}`)) : [];
  if (gatewayClasses.length) notes.push(`GatewayClasses named by Gateways but not declared, created for the staged Traefik (${TRAEFIK_GATEWAY_CONTROLLER}): ${gatewayClasses.join(", ")}`);
  return {
    objects: [
      ...(standIns.crds ?? []),
      ...namespaces.map(namespaceObject),
      ...classes.map((c) => ingressClassObject(c, controllerName!)),
      ...gatewayClasses.map((c) => gatewayClassObject(c, TRAEFIK_GATEWAY_CONTROLLER)), ...stageable(set.manifests, notes), ...secrets, ...(store ? [store] : [])],
    issuedSecrets: new Set(planned.map((s) => `${s.namespace}/${s.name}`)),
    ...(plan.acmeDefault ? { acmeDefault: plan.acmeDefault } : {}),
    notes,
  };
}

/** The objects as the staging API server can take them (v1beta1 CRDs converted, with one note). */
function stageable(manifests: readonly Manifest[], notes: string[]): KubeObject[] {
  const converted: string[] = [];
  const objects = manifests.map((m) => {
    const v1 = v1beta1CrdToV1(m.object);
    if (!v1) return m.object;
    converted.push(`${m.ref.name}${(m.object.spec as { validation?: unknown } | undefined)?.validation ? "" : " (no schema: any field is accepted, as before)"}`);
    return v1;
  });
  if (converted.length) notes.push(`apiextensions.k8s.io/v1beta1 CRDs, which Kubernetes 1.22+ no longer serves, staged as v1 with the same schema: ${converted.join(", ")}`);
  return objects;
}

const ingressClassObject = (name: string, controller: string): KubeObject => ({ apiVersion: "networking.k8s.io/v1", kind: "IngressClass", metadata: { name, labels: { "app.kubernetes.io/managed-by": "kubegate" } }, spec: { controller } });

const namespaceObject = (name: string): KubeObject => ({ apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { "app.kubernetes.io/managed-by": "kubegate" } } });

/** A `default` TLSStore in the controller's namespace, unless the manifests bring their own. */
function tlsStoreFor(set: ManifestSet, secret: PlannedSecret): KubeObject | undefined {
  if (set.manifests.some((m) => m.ref.kind === "TLSStore" && m.ref.name === "default")) return undefined;
  const crd = set.manifests.find((m) => m.ref.kind === "CustomResourceDefinition" && (m.ref.name === "tlsstores.traefik.io" || m.ref.name === "tlsstores.traefik.containo.us"));
  if (!crd) return undefined;
  const group = crd.ref.name.slice("tlsstores.".length);
  return acmeDefaultStore(secret, `${group}/v1alpha1`);
}
