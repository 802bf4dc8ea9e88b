import type { ErrorObject } from "ajv";
import { Challenge } from "@kubernetes-models/cert-manager/acme.cert-manager.io/v1/Challenge";
import { Order } from "@kubernetes-models/cert-manager/acme.cert-manager.io/v1/Order";
import { Certificate } from "@kubernetes-models/cert-manager/cert-manager.io/v1/Certificate";
import { CertificateRequest } from "@kubernetes-models/cert-manager/cert-manager.io/v1/CertificateRequest";
import { ClusterIssuer } from "@kubernetes-models/cert-manager/cert-manager.io/v1/ClusterIssuer";
import { Issuer } from "@kubernetes-models/cert-manager/cert-manager.io/v1/Issuer";
import { BackendTLSPolicy } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/BackendTLSPolicy";
import { GRPCRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/GRPCRoute";
import { Gateway } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Gateway";
import { GatewayClass } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/GatewayClass";
import { HTTPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute";
import { ReferenceGrant } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/ReferenceGrant";
import { TLSRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/TLSRoute";
import { GRPCRoute as GRPCRouteV1alpha2 } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1alpha2/GRPCRoute";
import { ReferenceGrant as ReferenceGrantV1alpha2 } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1alpha2/ReferenceGrant";
import { TCPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1alpha2/TCPRoute";
import { TLSRoute as TLSRouteV1alpha2 } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1alpha2/TLSRoute";
import { UDPRoute } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1alpha2/UDPRoute";
import { BackendTLSPolicy as BackendTLSPolicyV1alpha3 } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1alpha3/BackendTLSPolicy";
import { TLSRoute as TLSRouteV1alpha3 } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1alpha3/TLSRoute";
import { Gateway as GatewayV1beta1 } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1/Gateway";
import { GatewayClass as GatewayClassV1beta1 } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1/GatewayClass";
import { HTTPRoute as HTTPRouteV1beta1 } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1/HTTPRoute";
import { ReferenceGrant as ReferenceGrantV1beta1 } from "@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1/ReferenceGrant";
import { IngressRoute } from "@kubernetes-models/traefik/traefik.io/v1alpha1/IngressRoute";
import { IngressRouteTCP } from "@kubernetes-models/traefik/traefik.io/v1alpha1/IngressRouteTCP";
import { IngressRouteUDP } from "@kubernetes-models/traefik/traefik.io/v1alpha1/IngressRouteUDP";
import { Middleware } from "@kubernetes-models/traefik/traefik.io/v1alpha1/Middleware";
import { MiddlewareTCP } from "@kubernetes-models/traefik/traefik.io/v1alpha1/MiddlewareTCP";
import { ServersTransport } from "@kubernetes-models/traefik/traefik.io/v1alpha1/ServersTransport";
import { ServersTransportTCP } from "@kubernetes-models/traefik/traefik.io/v1alpha1/ServersTransportTCP";
import { TLSOption } from "@kubernetes-models/traefik/traefik.io/v1alpha1/TLSOption";
import { TLSStore } from "@kubernetes-models/traefik/traefik.io/v1alpha1/TLSStore";
import { TraefikService } from "@kubernetes-models/traefik/traefik.io/v1alpha1/TraefikService";

/**
 * Schemas of the ingress-related CRDs as shipped (precompiled ajv) by @kubernetes-models, for
 * objects whose CRD is not in the change or has no schema. The imports are static because rules
 * run synchronously; only top-level kinds are listed (their files pull in what they need), which
 * keeps the load to a few hundred milliseconds instead of the packages' full index.
 */
interface ModelClass {
  apiVersion: string;
  kind: string;
  new (data: never): { validate(): void };
}

const PACKAGES: Array<[string, ModelClass[]]> = [
  ["@kubernetes-models/traefik", [IngressRoute, IngressRouteTCP, IngressRouteUDP, Middleware, MiddlewareTCP, ServersTransport, ServersTransportTCP, TLSOption, TLSStore, TraefikService]],
  ["@kubernetes-models/cert-manager", [Certificate, CertificateRequest, ClusterIssuer, Issuer, Challenge, Order]],
  [
    "@kubernetes-models/gateway-api",
    [
      BackendTLSPolicy, GRPCRoute, Gateway, GatewayClass, HTTPRoute, ReferenceGrant, TLSRoute,
      GRPCRouteV1alpha2, ReferenceGrantV1alpha2, TCPRoute, TLSRouteV1alpha2, UDPRoute,
      BackendTLSPolicyV1alpha3, TLSRouteV1alpha3,
      GatewayV1beta1, GatewayClassV1beta1, HTTPRouteV1beta1, ReferenceGrantV1beta1,
    ],
  ],
];

const BY_TYPE = new Map<string, { pkg: string; model: ModelClass }>(
  PACKAGES.flatMap(([pkg, models]) => models.map((model) => [`${model.apiVersion}/${model.kind}`, { pkg, model }] as const)),
);

/** Traefik v2 served the same kinds from traefik.containo.us; the models only know traefik.io. */
const GROUP_ALIASES: Record<string, string> = { "traefik.containo.us": "traefik.io" };

export interface ModelValidator {
  /** "@kubernetes-models/traefik". */
  source: string;
  /** The apiVersion the model describes ("traefik.io/v1alpha1" for a traefik.containo.us object). */
  apiVersion: string;
  validate(object: Record<string, unknown>): ErrorObject[];
}

export function modelValidator(apiVersion: string, kind: string): ModelValidator | undefined {
  const slash = apiVersion.indexOf("/");
  const group = slash < 0 ? "" : apiVersion.slice(0, slash);
  const mapped = GROUP_ALIASES[group] ? `${GROUP_ALIASES[group]}${apiVersion.slice(slash)}` : apiVersion;
  const entry = BY_TYPE.get(`${mapped}/${kind}`);
  if (!entry) return undefined;
  const { pkg, model } = entry;
  return {
    source: pkg,
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
  return [...BY_TYPE.keys()];
}
