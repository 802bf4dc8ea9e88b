#!/usr/bin/env node
// Generates a staged-gate change with N routes (default 50): Traefik v3.6 with its RBAC, N apps
// (Service + Ingress, half of them IngressRoutes when the Traefik CRDs are given), and a head that
// bumps every app's image and adds one route: routing work for every stage, nothing broken. The
// added route names a TLS Secret nobody ships (app-<N>-tls): staging does not stand in for it, so
// that route is reported unproven (smoke-tls-unproven, a warning) and its probes wait out the
// failure window.
// Usage: node bench/generate-routes.mjs [routes=50] [outdir]
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const n = Number(process.argv[2] ?? 50);
const out = process.argv[3] ?? join(import.meta.dirname, "out", `routes-${n}`);
for (const side of ["base", "head"]) mkdirSync(join(out, side), { recursive: true });

const platform = `apiVersion: v1
kind: Namespace
metadata: {name: traefik}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: traefik, namespace: traefik}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: {name: traefik}
rules:
- {apiGroups: [""], resources: [services, secrets, nodes, configmaps], verbs: [get, list, watch]}
- {apiGroups: [discovery.k8s.io], resources: [endpointslices], verbs: [list, watch]}
- {apiGroups: [networking.k8s.io], resources: [ingresses, ingressclasses], verbs: [get, list, watch]}
- {apiGroups: [networking.k8s.io], resources: [ingresses/status], verbs: [update]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: {name: traefik}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: traefik}
subjects: [{kind: ServiceAccount, name: traefik, namespace: traefik}]
---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: traefik}
spec: {controller: traefik.io/ingress-controller}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: traefik, namespace: traefik}
spec:
  replicas: 2
  selector: {matchLabels: {app: traefik}}
  template:
    metadata: {labels: {app: traefik}}
    spec:
      serviceAccountName: traefik
      containers:
      - name: traefik
        image: traefik:v3.6.15
        args: [--entrypoints.web.address=:8000, --entrypoints.websecure.address=:8443, --entrypoints.websecure.http.tls=true, --providers.kubernetesingress, --ping]
`;

const app = (i, tag) => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app-${i}, namespace: apps}
spec:
  selector: {matchLabels: {app: app-${i}}}
  template:
    metadata: {labels: {app: app-${i}}}
    spec:
      containers: [{name: app, image: "registry.example.com/app-${i}:${tag}", ports: [{name: http, containerPort: 8080}]}]
---
apiVersion: v1
kind: Service
metadata: {name: app-${i}, namespace: apps}
spec:
  selector: {app: app-${i}}
  ports: [{name: http, port: 80, targetPort: http}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: app-${i}, namespace: apps}
spec:
  ingressClassName: traefik
  tls: [{hosts: [app-${i}.example.com], secretName: app-${i}-tls}]
  rules: [{host: app-${i}.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: app-${i}, port: {name: http}}}}]}}]
`;

const ns = "---\napiVersion: v1\nkind: Namespace\nmetadata: {name: apps}\n";
writeFileSync(join(out, "base", "all.yaml"), platform + ns + Array.from({ length: n }, (_, i) => app(i, "1.0.0")).join(""));
writeFileSync(join(out, "head", "all.yaml"), platform + ns + Array.from({ length: n + 1 }, (_, i) => app(i, "1.1.0")).join(""));
process.stdout.write(`${out}: ${n} routes at base, ${n + 1} at head\n`);
