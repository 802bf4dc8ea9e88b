/**
 * What staging stands in for when the manifests use the Gateway API: its CRDs (installed by the
 * platform, not by the repository) and GatewayClasses that live with the controller's chart.
 */
import type { KubeObject } from "../model/kube-object.js";
import type { ManifestSet } from "../model/manifest.js";
import { GATEWAY_API_VERSION } from "../stage/tools/gateway-api-crds.js";

export const GATEWAY_GROUP = "gateway.networking.k8s.io";
/** The controllerName Traefik's kubernetesGateway provider claims GatewayClasses by. */
export const TRAEFIK_GATEWAY_CONTROLLER = "traefik.io/gateway-controller";

export function usesGatewayApi(sets: readonly ManifestSet[]): boolean {
  return sets.some((s) => s.manifests.some((m) => m.group === GATEWAY_GROUP));
}

/** Whether the manifests ship the Gateway API CRDs themselves. */
export function shipsGatewayCrds(sets: readonly ManifestSet[]): boolean {
  return sets.some((s) => s.manifests.some((m) => m.ref.kind === "CustomResourceDefinition" && (m.object.spec as { group?: string } | undefined)?.group === GATEWAY_GROUP));
}

export function gatewayCrdNote(): string {
  return `the manifests use the Gateway API without its CRDs: staging installs the standard channel of sigs.k8s.io/gateway-api ${GATEWAY_API_VERSION} (the version Traefik 3.6 is built against)`;
}

/** GatewayClasses that Gateways name but the manifests do not declare (they come with the controller's chart). */
export function missingGatewayClasses(set: ManifestSet): string[] {
  const declared = new Set(set.manifests.filter((m) => m.ref.kind === "GatewayClass" && m.group === GATEWAY_GROUP).map((m) => m.ref.name));
  const used = new Set(
    set.manifests
      .filter((m) => m.ref.kind === "Gateway" && m.group === GATEWAY_GROUP)
      .map((m) => (m.object.spec as { gatewayClassName?: string } | undefined)?.gatewayClassName)
      .filter((c): c is string => !!c),
  );
  return [...used].filter((c) => !declared.has(c)).sort();
}

export const gatewayClassObject = (name: string, controllerName: string): KubeObject => ({
  apiVersion: `${GATEWAY_GROUP}/v1`,
  kind: "GatewayClass",
  metadata: { name, labels: { "app.kubernetes.io/managed-by": "kubegate" } },
  spec: { controllerName },
});
