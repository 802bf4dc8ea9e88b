#!/usr/bin/env node
// Renders N generated Helm releases (default 50) of a local chart with `helm template`, once with
// parallel renders bounded by the cores (os.availableParallelism(), what kubegate uses) and once
// sequentially, in the same run on the same machine, and prints both wall times.
// Usage: node bench/helm-render.mjs [releases=50] [runs=3]   (needs `npm run setup`: packages/core/dist)
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const n = Number(process.argv[2] ?? 50);
const runs = Number(process.argv[3] ?? 3);
const helmLib = await import(join(root, "packages", "core", "dist", "helm", "index.js"));

/** A platform tree: one chart (Deployment, Service, Ingress with TLS, ConfigMap), a shared values file, N releases. */
function generate(dir) {
  rmSync(dir, { recursive: true, force: true });
  const write = (path, text) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write("charts/app/Chart.yaml", "apiVersion: v2\nname: app\nversion: 1.0.0\n");
  write("charts/app/values.yaml", "replicas: 1\nhost: example.com\nport: 8080\ntls: {secretName: ''}\nconfig: {}\n");
  write("charts/app/templates/_helpers.tpl", '{{- define "app.labels" -}}\napp.kubernetes.io/name: app\napp.kubernetes.io/instance: {{ .Release.Name }}\n{{- end -}}\n');
  write("charts/app/templates/deployment.yaml", [
    "apiVersion: apps/v1", "kind: Deployment", "metadata:", "  name: {{ .Release.Name }}", "  labels: {{- include \"app.labels\" . | nindent 4 }}", "spec:",
    "  replicas: {{ .Values.replicas }}", "  selector:", "    matchLabels: {{- include \"app.labels\" . | nindent 6 }}", "  template:", "    metadata:",
    "      labels: {{- include \"app.labels\" . | nindent 8 }}", "    spec:", "      containers:", "        - name: app", "          image: example/app:1.0",
    "          ports: [{name: http, containerPort: {{ .Values.port }}}]", "          envFrom: [{configMapRef: {name: {{ .Release.Name }}}}]", "",
  ].join("\n"));
  write("charts/app/templates/service.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  selector: {{- include \"app.labels\" . | nindent 4 }}\n  ports: [{name: http, port: 80, targetPort: http}]\n");
  write("charts/app/templates/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n{{- range $k, $v := .Values.config }}\n  {{ $k }}: {{ $v | quote }}\n{{- end }}\n");
  write("charts/app/templates/ingress.yaml", [
    "apiVersion: networking.k8s.io/v1", "kind: Ingress", "metadata:", "  name: {{ .Release.Name }}", "spec:",
    "  {{- with .Values.tls.secretName }}", "  tls: [{hosts: [{{ $.Values.host }}], secretName: {{ . }}}]", "  {{- end }}", "  rules:",
    "    - host: {{ .Values.host }}", "      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: {{ .Release.Name }}, port: {number: 80}}}}]}", "",
  ].join("\n"));
  write("global-defaults.yaml", "tls: {secretName: wildcard-tls}\nconfig: {LOG_LEVEL: info, REGION: eu-west-1}\n");
  const lines = ["releases:"];
  for (let i = 0; i < n; i++) {
    const name = `app-${String(i).padStart(3, "0")}`;
    write(`values/${name}.yaml`, `host: ${name}.example.com\nreplicas: ${1 + (i % 3)}\nconfig: {INDEX: "${i}"}\n`);
    lines.push(`  - {name: ${name}, namespace: team-${i % 7}, chart: charts/app, values: [global-defaults.yaml, values/${name}.yaml]}`);
  }
  write("kubegate.yaml", `${lines.join("\n")}\n`);
}

const dir = join(root, "bench", "out", `helm-${n}`);
generate(dir);
const set = await helmLib.discoverReleases(dir, { shownRoot: "" });
const helm = await helmLib.findHelm({ log: (l) => process.stderr.write(`${l}\n`) });
const cores = availableParallelism();
console.log(`${n} releases of a local chart, helm ${helm.version} (${helm.origin}), ${cores} cores available`);

async function time(concurrency) {
  const t0 = performance.now();
  const renders = await helmLib.renderAll(set, { helm, kubeVersion: "1.34", concurrency });
  const wall = (performance.now() - t0) / 1000;
  const failed = renders.filter((r) => !r.outcome.ok);
  if (failed.length) throw new Error(`${failed.length} renders failed: ${failed[0].outcome.error}`);
  return { wall, objects: renders.reduce((s, r) => s + r.outcome.objects.length, 0) };
}

await time(cores); // warm-up: page cache, helm binary
const results = {};
for (const [label, concurrency] of [["sequential", 1], [`parallel x${cores}`, cores]]) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await time(concurrency));
  const best = Math.min(...samples.map((s) => s.wall));
  results[label] = best;
  console.log(`${label.padEnd(14)} best of ${runs}: ${best.toFixed(2)} s (${(best / n * 1000).toFixed(0)} ms/release, ${samples[0].objects} objects)`);
}
const [seq, par] = Object.values(results);
console.log(`speed-up parallel/sequential: ${(seq / par).toFixed(2)}x`);
