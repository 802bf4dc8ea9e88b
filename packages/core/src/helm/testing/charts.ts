import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** Writes files (path -> text) under a folder. */
export async function writeTree(root: string, files: Record<string, string>): Promise<string> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
  return root;
}

export async function tempDir(prefix = "kubegate-helm-test-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/**
 * A small but real chart: Deployment, Service, Ingress with TLS from `.Values.tls`, a CRD in
 * crds/, a test hook (skipped by --skip-tests), a ConfigMap recording the kube version Helm was
 * told, and an optional failure switch.
 */
export function webChart(folder = "web"): Record<string, string> {
  // The chart is named after the folder's last segment: Helm 4 refuses names with a slash.
  const name = folder;
  const chartName = folder.split("/").pop() ?? folder;
  return {
    [`${name}/Chart.yaml`]: `apiVersion: v2\nname: ${chartName}\nversion: 1.2.3\n`,
    [`${name}/values.yaml`]: "replicas: 1\nhost: example.com\ntls:\n  secretName: \"\"\nfail: false\n",
    [`${name}/crds/widgets.yaml`]: [
      "apiVersion: apiextensions.k8s.io/v1",
      "kind: CustomResourceDefinition",
      "metadata: {name: widgets.example.com}",
      "spec:",
      "  group: example.com",
      "  scope: Namespaced",
      "  names: {kind: Widget, plural: widgets, singular: widget}",
      "  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}]",
      "",
    ].join("\n"),
    [`${name}/templates/deployment.yaml`]: [
      "{{- if .Values.fail }}{{ fail \"values asked this chart to fail\" }}{{ end }}",
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata:",
      "  name: {{ .Release.Name }}",
      "spec:",
      "  replicas: {{ .Values.replicas }}",
      "  selector: {matchLabels: {app: {{ .Release.Name }}}}",
      "  template:",
      "    metadata: {labels: {app: {{ .Release.Name }}}}",
      "    spec:",
      "      containers: [{name: web, image: nginx:1.27}]",
      "",
    ].join("\n"),
    [`${name}/templates/service.yaml`]: "apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  selector: {app: {{ .Release.Name }}}\n  ports: [{port: 80}]\n",
    [`${name}/templates/ingress.yaml`]: [
      "apiVersion: networking.k8s.io/v1",
      "kind: Ingress",
      "metadata:",
      "  name: {{ .Release.Name }}",
      "spec:",
      "  {{- with .Values.tls.secretName }}",
      "  tls: [{hosts: [{{ $.Values.host }}], secretName: {{ . }}}]",
      "  {{- end }}",
      "  rules:",
      "    - host: {{ .Values.host }}",
      "      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: {{ .Release.Name }}, port: {number: 80}}}}]}",
      "",
    ].join("\n"),
    [`${name}/templates/kube-version.yaml`]: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-kube\ndata:\n  version: {{ .Capabilities.KubeVersion.Version | quote }}\n",
    [`${name}/templates/tests/test-connection.yaml`]: "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Release.Name }}-test\n  annotations: {helm.sh/hook: test}\nspec:\n  containers: [{name: t, image: busybox}]\n",
  };
}
