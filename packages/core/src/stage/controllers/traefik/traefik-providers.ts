import { KUBERNETES_PROVIDERS, type KubernetesProvider } from "./traefik-args-types.js";

/** How Traefik's documentation spells each Kubernetes provider's flag section. */
export const PROVIDER_SPELLING: Record<KubernetesProvider, string> = {
  kubernetescrd: "kubernetesCRD",
  kubernetesingress: "kubernetesIngress",
  kubernetesgateway: "kubernetesGateway",
  kubernetesingressnginx: "kubernetesIngressNGINX",
};

export function isKubernetesProvider(name: string): name is KubernetesProvider {
  return (KUBERNETES_PROVIDERS as readonly string[]).includes(name);
}
