import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TemplateLines } from "./template-line.js";

let chart: string;
beforeAll(async () => {
  chart = await mkdtemp(join(tmpdir(), "kubegate-chart-"));
  await mkdir(join(chart, "templates"), { recursive: true });
  await writeFile(
    join(chart, "templates", "app.yaml"),
    `{{- range .Values.hosts }}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ . }}
{{- end }}
---
apiVersion: v1
kind: Service   # the app's Service
metadata:
  name: app
---
apiVersion: v1
kind: "Service"
metadata:
  name: app-headless
`,
  );
  await writeFile(join(chart, "templates", "dynamic.yaml"), "apiVersion: v1\nkind: {{ .Values.kind }}\n");
});
afterAll(async () => {
  await rm(chart, { recursive: true, force: true });
});

describe("TemplateLines", () => {
  it("points each rendered object at the kind line of its document, in order", () => {
    const lines = new TemplateLines(chart);
    expect(lines.next("app/templates/app.yaml", "Service")).toBe(10);
    expect(lines.next("app/templates/app.yaml", "Service")).toBe(15);
    // A range renders several Ingresses from one document.
    expect(lines.next("app/templates/app.yaml", "Ingress")).toBe(4);
    expect(lines.next("app/templates/app.yaml", "Ingress")).toBe(4);
  });

  it("keeps line 1 for a templated kind, a missing file, no source, and packaged charts", () => {
    const lines = new TemplateLines(chart);
    expect(lines.next("app/templates/dynamic.yaml", "ConfigMap")).toBe(1);
    expect(lines.next("app/templates/missing.yaml", "Service")).toBe(1);
    expect(lines.next(undefined, "Service")).toBe(1);
    expect(new TemplateLines(`${chart}.tgz`).next("app/templates/app.yaml", "Service")).toBe(1);
  });
});
