import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { SKIP_AWAIT } from "./traefik.js";
import type { Variant } from "./variants.js";

const labels = { app: "whoami" };

/** whoami behind an Ingress (class traefik) and a Traefik IngressRoute. */
export function app(variant: Variant, ingressRouteCrd: pulumi.Resource): void {
  const namespace = new k8s.core.v1.Namespace("whoami", { metadata: { name: "whoami", annotations: SKIP_AWAIT } });
  const ns = namespace.metadata.name;
  new k8s.apps.v1.Deployment("whoami", {
    metadata: { name: "whoami", namespace: ns, annotations: SKIP_AWAIT },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: "whoami", image: "docker.io/traefik/whoami:v1.10", ports: [{ name: "http", containerPort: 80 }] }] } },
    },
  });
  const service = new k8s.core.v1.Service("whoami", {
    metadata: { name: "whoami", namespace: ns, annotations: SKIP_AWAIT },
    spec: { selector: labels, ports: [{ name: "http", port: 80, targetPort: "http" }] },
  });
  new k8s.networking.v1.Ingress("whoami", {
    metadata: { name: "whoami", namespace: ns, annotations: SKIP_AWAIT },
    spec: {
      ingressClassName: "traefik",
      rules: [{ host: "whoami.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "whoami", port: { number: 80 } } } }] } }],
    },
  }, { dependsOn: [service] });
  // Incident 000 family: a route to a backend that is not there.
  const backend = variant === "broken-ingressroute" ? "whoami-v2" : "whoami";
  new k8s.apiextensions.CustomResource("whoami-api", {
    apiVersion: "traefik.io/v1alpha1",
    kind: "IngressRoute",
    metadata: { name: "whoami-api", namespace: ns, annotations: SKIP_AWAIT },
    spec: {
      entryPoints: ["websecure"],
      routes: [{ kind: "Rule", match: "Host(`api.example.com`)", services: [{ name: backend, port: 80 }] }],
    },
  }, { dependsOn: [ingressRouteCrd, service] });
}
