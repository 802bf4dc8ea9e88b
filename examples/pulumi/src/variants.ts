/**
 * What the `variant` stack config replays (pulumi config set variant <name>, or -c variant=<name>):
 * - base: Traefik (2 replicas, PodDisruptionBudget, LoadBalancer Service, RBAC) and whoami behind
 *   an Ingress and an IngressRoute: every kubegate policy passes.
 * - lb-renamed: the LoadBalancer Service gets a new name, so Pulumi replaces it and the cloud
 *   releases its address (incident 002). CrossGuard never sees the delete: `kubegate check
 *   --pulumi-preview` does.
 * - schemaless-crd: adds a CustomResourceDefinition without a schema, like Traefik v2.4's
 *   (incident 000): crd-without-schema.
 * - broken-ingressroute: the IngressRoute routes to a Service that does not exist:
 *   route-backend-missing.
 */
export const VARIANTS = ["base", "lb-renamed", "schemaless-crd", "broken-ingressroute"] as const;
export type Variant = (typeof VARIANTS)[number];

export function parseVariant(value: string | undefined): Variant {
  const v = value ?? "base";
  if (!(VARIANTS as readonly string[]).includes(v)) throw new Error(`variant must be one of ${VARIANTS.join(", ")} (got ${v})`);
  return v as Variant;
}
