#!/usr/bin/env node
// Generates a realistic change of N resources (default 10,000) for benchmarks: base.yaml and
// head.yaml, multi-document, with ~5% of resources updated, 1% deleted, 1% created and one
// replaced LoadBalancer Service, so both the diff and the rules do real work.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const n = Number(process.argv[2] ?? 10_000);
const out = process.argv[3] ?? join(import.meta.dirname, "out", `change-${n}`);
mkdirSync(out, { recursive: true });

function app(i, { image = "1.0.0", replicas = 2, host = `app-${i}.example.com` } = {}) {
  const ns = `team-${i % 50}`;
  return [
    `apiVersion: apps/v1
kind: Deployment
metadata: {name: app-${i}, namespace: ${ns}, labels: {app: app-${i}}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: app-${i}}}
  template:
    metadata: {labels: {app: app-${i}}}
    spec:
      containers:
      - name: app
        image: registry.example.com/app-${i}:${image}
        ports: [{name: http, containerPort: 8080}]
        env: [{name: LOG_LEVEL, value: info}, {name: DB_PASSWORD, value: pw-${i}}]
        resources: {requests: {cpu: 100m, memory: 128Mi}}`,
    `apiVersion: v1
kind: Service
metadata: {name: app-${i}, namespace: ${ns}}
spec:
  selector: {app: app-${i}}
  ports: [{name: http, port: 80, targetPort: http}]`,
    `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: app-${i}, namespace: ${ns}}
spec:
  ingressClassName: traefik
  rules:
  - host: ${host}
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: app-${i}, port: {number: 80}}}}`,
    `apiVersion: v1
kind: ConfigMap
metadata: {name: app-${i}, namespace: ${ns}}
data: {FEATURE_FLAGS: "a,b,c", REGION: eu-west-1}`,
  ];
}

const platform = (type) => `apiVersion: v1
kind: Service
metadata: {name: traefik, namespace: traefik}
spec:
  type: ${type}
  selector: {app: traefik}
  ports: [{name: web, port: 80, targetPort: 8000}]`;

const apps = Math.floor(n / 4);
const base = [platform("LoadBalancer")];
const head = [platform("ClusterIP")];
for (let i = 0; i < apps; i++) {
  base.push(...app(i));
  if (i % 100 === 0) continue; // deleted in head
  head.push(...app(i, i % 20 === 1 ? { image: "1.1.0" } : i % 20 === 2 ? { replicas: 3 } : {}));
}
for (let i = apps; i < apps + Math.ceil(apps / 100); i++) head.push(...app(i));
writeFileSync(join(out, "base.yaml"), base.join("\n---\n") + "\n");
writeFileSync(join(out, "head.yaml"), head.join("\n---\n") + "\n");
process.stdout.write(`${out}: base ${base.length} resources, head ${head.length}\n`);
