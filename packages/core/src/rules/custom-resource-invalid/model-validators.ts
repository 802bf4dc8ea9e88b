import type { ErrorObject } from "ajv";

/**
 * Schemas of the ingress-related CRDs as shipped (precompiled ajv) by @kubernetes-models, for
 * objects whose CRD is not in the change or has no schema. Each model is imported when a change
 * first holds an object of its kind (`loadModelValidators`, awaited before rules run): importing
 * them all costs a few hundred milliseconds at every start, for kinds most changes do not have.
 * Rules run synchronously, so `modelValidator` only reads what was loaded, and throws for a known
 * kind nobody loaded (a caller that skipped the load must fail loudly, not validate nothing).
 */
interface ModelClass {
  apiVersion: string;
  kind: string;
  new (data: never): { validate(): void };
}

type Loader = { pkg: string; load: () => Promise<ModelClass> };

// Literal import() calls, so bundlers (the Action's esbuild bundle) include each model and load it lazily.
const LOADERS: Record<string, Loader> = {
  "acme.cert-manager.io/v1/Challenge": { pkg: "@kubernetes-models/cert-manager", load: async () => (await import("@kubernetes-models/cert-manager/acme.cert-manager.io/v1/Challenge")).Challenge },
  "acme.cert-manager.io/v1/Order": { pkg: "@kubernetes-models/cert-manager", load: async () => (await import("@kubernetes-models/cert-manager/acme.cert-manager.io/v1/Order")).Order },
  "cert-manager.io/v1/Certificate": { pkg: "@kubernetes-models/cert-manager", load: async () => (await import("@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate")).Certificate },
  "cert-manager.io/v1/CertificateRequest": { pkg: "@kubernetes-models/cert-manager", load: async () => (await import("@kubernetes-models/cert-manager/cert-manager.io/v1/CertificateRequest")).CertificateRequest },
  "cert-manager.io/v1/ClusterIssuer": { pkg: "@kubernetes-models/cert-manager", load: async () => (await import("@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer")).ClusterIssuer },
  "cert-manager.io/v1/Issuer": { pkg: "@kubernetes-models/cert-manager", load: async () => (await import("@kubernetes-models/cert-manager/cert-manager.io/v1/Issuer")).Issuer },
  "gateway.networking.k8s.io/v1/BackendTLSPolicy": { pkg: "@kubernetes-models/gateway-api", load: async () => (await import("@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/BackendTLSPolicy")).BackendTLSPolicy },
  "gateway.networking.k8s.io/v1/GRPCRoute": { pkg: "@kubernetes-models/gateway-api", load: async () => (await import("@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/GRPCRoute")).GRPCRoute },
  "gateway.networking.k8s.io/v1/Gateway": { pkg: "@kubernetes-models/gateway-api", load: async () => (await import("@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Gateway")).Gateway },
  "gateway.networking.k8s.io/v1/GatewayClass": { pkg: "@kubernetes-models/gateway-api", load: async () => (await import("@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/GatewayClass")).GatewayClass },
  "gateway.networking.k8s.io/v1/HTTPRoute": { pkg: "@kubernetes-models/gateway-api", load: async () => (await import("@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute")).HTTPRoute },
  "gateway.networking.k8s.io/v1/ReferenceGrant": { pkg: "@kubernetes-models/gateway-api", load: async () => (await import("@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/ReferenceGrant")).ReferenceGrant },
  "gateway.networking.k8s.io/v1/TLSRoute": { pkg: "@kubernetes-models/gateway-api", load: async () => (await import("@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/TLSRoute")).TLSRoute },
  "gateway.networking.k8s.io/v1alpha2/GRPCRoute": { pkg: "@kubernetes-models/gateway-api", load: async () => (await import("@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1alpha2/GRPCRoute")).GRPCRoute },
  "gateway.networking.k8s.io/v1alpha2/ReferenceGrant": { pkg: "@kubernetes-models/gateway-api", load: async () => (await import("@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1alpha2/ReferenceGrant")).ReferenceGrant },
  "gateway.networking.k8s.io/v1alpha2/TCPRoute": { pkg: "@kubernetes-models/gateway-api", load: async () => (await import("@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1alpha2/TCPRoute")).TCPRoute },
  "gateway.networking.k8s.io/v1alpha2/TLSRoute": { pkg: "@kubernetes-models/gateway-api", load: async () => (await import("@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1alpha2/TLSRoute")).TLSRoute },
  "gateway.networking.k8s.io/v1alpha2/UDPRoute": { pkg: "@kubernetes-models/gateway-api", load: async () => (await import("@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1alpha2/UDPRoute")).UDPRoute },
  "gateway.networking.k8s.io/v1alpha3/BackendTLSPolicy": { pkg: "@kubernetes-models/gateway-api", load: async () => (await import("@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1alpha3/BackendTLSPolicy")).BackendTLSPolicy },
  "gateway.networking.k8s.io/v1alpha3/TLSRoute": { pkg: "@kubernetes-models/gateway-api", load: async () => (await import("@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1alpha3/TLSRoute")).TLSRoute },
  "gateway.networking.k8s.io/v1beta1/Gateway": { pkg: "@kubernetes-models/gateway-api", load: async () => (await import("@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1/Gateway")).Gateway },
  "gateway.networking.k8s.io/v1beta1/GatewayClass": { pkg: "@kubernetes-models/gateway-api", load: async () => (await import("@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1/GatewayClass")).GatewayClass },
  "gateway.networking.k8s.io/v1beta1/HTTPRoute": { pkg: "@kubernetes-models/gateway-api", load: async () => (await import("@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1/HTTPRoute")).HTTPRoute },
  "gateway.networking.k8s.io/v1beta1/ReferenceGrant": { pkg: "@kubernetes-models/gateway-api", load: async () => (await import("@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1/ReferenceGrant")).ReferenceGrant },
  "traefik.io/v1alpha1/IngressRoute": { pkg: "@kubernetes-models/traefik", load: async () => (await import("@kubernetes-models/traefik/traefik.io/v1alpha1/IngressRoute")).IngressRoute },
  "traefik.io/v1alpha1/IngressRouteTCP": { pkg: "@kubernetes-models/traefik", load: async () => (await import("@kubernetes-models/traefik/traefik.io/v1alpha1/IngressRouteTCP")).IngressRouteTCP },
  "traefik.io/v1alpha1/IngressRouteUDP": { pkg: "@kubernetes-models/traefik", load: async () => (await import("@kubernetes-models/traefik/traefik.io/v1alpha1/IngressRouteUDP")).IngressRouteUDP },
  "traefik.io/v1alpha1/Middleware": { pkg: "@kubernetes-models/traefik", load: async () => (await import("@kubernetes-models/traefik/traefik.io/v1alpha1/Middleware")).Middleware },
  "traefik.io/v1alpha1/MiddlewareTCP": { pkg: "@kubernetes-models/traefik", load: async () => (await import("@kubernetes-models/traefik/traefik.io/v1alpha1/MiddlewareTCP")).MiddlewareTCP },
  "traefik.io/v1alpha1/ServersTransport": { pkg: "@kubernetes-models/traefik", load: async () => (await import("@kubernetes-models/traefik/traefik.io/v1alpha1/ServersTransport")).ServersTransport },
  "traefik.io/v1alpha1/ServersTransportTCP": { pkg: "@kubernetes-models/traefik", load: async () => (await import("@kubernetes-models/traefik/traefik.io/v1alpha1/ServersTransportTCP")).ServersTransportTCP },
  "traefik.io/v1alpha1/TLSOption": { pkg: "@kubernetes-models/traefik", load: async () => (await import("@kubernetes-models/traefik/traefik.io/v1alpha1/TLSOption")).TLSOption },
  "traefik.io/v1alpha1/TLSStore": { pkg: "@kubernetes-models/traefik", load: async () => (await import("@kubernetes-models/traefik/traefik.io/v1alpha1/TLSStore")).TLSStore },
  "traefik.io/v1alpha1/TraefikService": { pkg: "@kubernetes-models/traefik", load: async () => (await import("@kubernetes-models/traefik/traefik.io/v1alpha1/TraefikService")).TraefikService },
};

const loaded = new Map<string, ModelClass>();

/** Traefik v2 served the same kinds from traefik.containo.us; the models only know traefik.io. */
const GROUP_ALIASES: Record<string, string> = { "traefik.containo.us": "traefik.io" };

function modelKey(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const mapped = GROUP_ALIASES[group] ? `${GROUP_ALIASES[group]}${apiVersion.slice(slash)}` : apiVersion;
  return `${mapped}/${kind}`;
}

/** Loads the models of the kinds among `objects` (both sides of a change) that have one. */
export async function loadModelValidators(objects: Iterable<{ apiVersion?: unknown; kind?: unknown }>): Promise<void> {
  const wanted = new Set<string>();
  for (const o of objects) {
    if (typeof o.apiVersion !== "string" || typeof o.kind !== "string") continue;
    const key = modelKey(o.apiVersion, o.kind);
    if (LOADERS[key] && !loaded.has(key)) wanted.add(key);
  }
  await Promise.all([...wanted].map(async (key) => loaded.set(key, await LOADERS[key]!.load())));
}

/** Thrown when a rule asks for a model nobody loaded: a kubegate bug, failing closed. */
export class ModelNotLoadedError extends Error {
  constructor(key: string) {
    super(`the @kubernetes-models schema of ${key} was not loaded before the rules ran (call loadModelValidators first)`);
    this.name = "ModelNotLoadedError";
  }
}

export interface ModelValidator {
  /** "@kubernetes-models/traefik". */
  source: string;
  /** The apiVersion the model describes ("traefik.io/v1alpha1" for a traefik.containo.us object). */
  apiVersion: string;
  validate(object: Record<string, unknown>): ErrorObject[];
}

export function modelValidator(apiVersion: string, kind: string): ModelValidator | undefined {
  const key = modelKey(apiVersion, kind);
  const entry = LOADERS[key];
  if (!entry) return undefined;
  const model = loaded.get(key);
  if (!model) throw new ModelNotLoadedError(key);
  return {
    source: entry.pkg,
    apiVersion: model.apiVersion,
    validate(object) {
      try {
        // The model's own apiVersion: its schema pins it with an enum.
        new model({ ...object, apiVersion: model.apiVersion } as never).validate();
        return [];
      } catch (error) {
        const errors = (error as { errors?: unknown }).errors;
        if (Array.isArray(errors)) return errors as ErrorObject[];
        throw error;
      }
    },
  };
}

/** apiVersion/kind pairs a model exists for (tests and docs). */
export function modelTypes(): string[] {
  return Object.keys(LOADERS);
}
