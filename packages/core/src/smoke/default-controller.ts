import type { Manifest } from "../model/manifest.js";
import { findIngressControllers, type IngressController } from "../workloads/ingress-controllers.js";

/** The Traefik image staging runs when the manifests carry no controller of their own. */
export const DEFAULT_TRAEFIK_IMAGE = "traefik:v3.6";

/**
 * Many repositories deploy apps whose routes are served by a controller installed elsewhere
 * (incident 004's mediawiki charts). Staging then runs a stock Traefik in its place, with the
 * Ingress, CRD and Gateway providers and the usual web/websecure entrypoints, so the routes can
 * still be probed; the report says so.
 */
export function defaultController(options: { crdProvider: boolean; gatewayProvider?: boolean }): IngressController {
  const object = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "kubegate-traefik", namespace: "kube-system" },
    spec: {
      selector: { matchLabels: { app: "kubegate-traefik" } },
      template: {
        metadata: { labels: { app: "kubegate-traefik" } },
        spec: {
          containers: [
            {
              name: "traefik",
              image: DEFAULT_TRAEFIK_IMAGE,
              args: [
                "--entrypoints.web.address=:8000",
                "--entrypoints.websecure.address=:8443",
                "--entrypoints.websecure.http.tls=true",
                "--providers.kubernetesingress",
                ...(options.crdProvider ? ["--providers.kubernetescrd"] : []),
                ...(options.gatewayProvider ? ["--providers.kubernetesgateway"] : []),
                "--ping",
              ],
            },
          ],
        },
      },
    },
  };
  const manifest: Manifest = {
    key: "apps/Deployment/kube-system/kubegate-traefik",
    ref: { apiVersion: "apps/v1", kind: "Deployment", namespace: "kube-system", name: "kubegate-traefik" },
    group: "apps",
    object,
    source: { file: "<kubegate default controller>", line: 1, documentIndex: 0 },
  };
  return findIngressControllers({ manifests: [manifest], byKey: new Map([[manifest.key, manifest]]) })[0]!;
}
