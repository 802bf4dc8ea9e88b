import * as k8s from "@pulumi/kubernetes";
import { SKIP_AWAIT } from "./traefik.js";

/** Traefik's IngressRoute CRD (structural schema, trimmed to what the example uses). */
export function ingressRouteCrd(): k8s.apiextensions.v1.CustomResourceDefinition {
  const str = { type: "string" };
  return new k8s.apiextensions.v1.CustomResourceDefinition("ingressroutes.traefik.io", {
    metadata: { name: "ingressroutes.traefik.io", annotations: SKIP_AWAIT },
    spec: {
      group: "traefik.io",
      scope: "Namespaced",
      names: { kind: "IngressRoute", listKind: "IngressRouteList", plural: "ingressroutes", singular: "ingressroute" },
      versions: [
        {
          name: "v1alpha1",
          served: true,
          storage: true,
          schema: {
            openAPIV3Schema: {
              type: "object",
              required: ["metadata", "spec"],
              properties: {
                apiVersion: str,
                kind: str,
                metadata: { type: "object" },
                spec: {
                  type: "object",
                  required: ["routes"],
                  properties: {
                    entryPoints: { type: "array", items: str },
                    routes: {
                      type: "array",
                      items: {
                        type: "object",
                        required: ["kind", "match"],
                        properties: {
                          kind: { type: "string", enum: ["Rule"] },
                          match: str,
                          middlewares: { type: "array", items: { type: "object", required: ["name"], properties: { name: str, namespace: str } } },
                          services: {
                            type: "array",
                            items: { type: "object", required: ["name"], properties: { name: str, namespace: str, kind: str, port: { x_kubernetes_int_or_string: true, anyOf: [{ type: "integer" }, { type: "string" }] } } },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      ],
    },
  });
}

/**
 * Incident 000: Traefik v2.4's IngressRoute CRD had no schema, so the API server took any object
 * and Traefik dropped every route when one failed to decode. (Same shape, own group, so it does
 * not collide with the real CRD.)
 */
export function schemalessCrd(): k8s.apiextensions.v1.CustomResourceDefinition {
  return new k8s.apiextensions.v1.CustomResourceDefinition("ingressroutes.legacy.example.io", {
    metadata: { name: "ingressroutes.legacy.example.io", annotations: SKIP_AWAIT },
    spec: {
      group: "legacy.example.io",
      scope: "Namespaced",
      names: { kind: "IngressRoute", listKind: "IngressRouteList", plural: "ingressroutes", singular: "ingressroute" },
      versions: [{ name: "v1alpha1", served: true, storage: true, schema: { openAPIV3Schema: { type: "object", x_kubernetes_preserve_unknown_fields: true } } }],
    },
  });
}
