import { describe, expect, it } from "vitest";
import { checkObjects } from "../check/check.js";
import { parseSources } from "../load/load-manifests.js";
import { REPORT_FORMATS } from "../report/report-input.js";
import { renderReport } from "../report/render-report.js";

const SECRET_VALUES = ["hunter2-base-password", "hunter3-head-password", "sk_live_ABCDEF123456", "db-pass-OLD-9876", "db-pass-NEW-5432", "s3cr3t-last-applied"];
const b64 = (s: string) => Buffer.from(s).toString("base64");

const side = (password: string, apiKey: string, env: string) => `
apiVersion: v1
kind: Secret
metadata:
  name: app
  namespace: shop
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"data":{"password":"${b64("s3cr3t-last-applied")}"}}'
data:
  password: ${b64(password)}
stringData:
  api-key: ${apiKey}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: app, namespace: shop}
data:
  DATABASE_PASSWORD: ${env}
  LOG_LEVEL: debug
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: app, namespace: shop}
spec:
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}}
    spec:
      containers:
      - name: app
        image: app:1
        env:
        - {name: DB_PASSWORD, value: ${env}}
        - {name: LOG_LEVEL, value: info}
`;

const objs = (text: string) => parseSources([{ file: "x.yaml", text, format: "yaml" }]);

describe("secrets never reach any output", () => {
  const result = checkObjects(objs(side("hunter2-base-password", "sk_live_ABCDEF123456", "db-pass-OLD-9876")), objs(side("hunter3-head-password", "sk_live_ABCDEF123456", "db-pass-NEW-5432")));

  it("shows which keys changed, with kubectl-style markers", () => {
    const secret = result.changes.find((c) => c.key.includes("Secret"))!;
    expect(secret.fields).toContainEqual({ path: "data.password", kind: "changed", before: "*** (before)", after: "*** (after)", masked: true });
    const cm = result.changes.find((c) => c.key.includes("ConfigMap"))!;
    expect(cm.fields.map((f) => f.path)).toEqual(["data.DATABASE_PASSWORD"]);
  });

  for (const format of REPORT_FORMATS) {
    it(`in ${format} reports`, () => {
      const out = renderReport(result, format, { patches: true });
      for (const value of SECRET_VALUES) {
        expect(out).not.toContain(value);
        expect(out).not.toContain(b64(value));
      }
      expect(out.length).toBeGreaterThan(50);
    });
  }

  it("redacts a secret value that a message quotes by mistake", () => {
    const leaky = { ...result, findings: [{ rule: "x", severity: "high" as const, resource: { apiVersion: "v1", kind: "Secret", name: "app" }, message: "value hunter3-head-password is weak" }] };
    expect(renderReport(leaky, "text")).toContain("value *** is weak");
  });

  it("keeps non-secret values visible", () => {
    expect(renderReport(checkObjects(objs(side("a", "b", "c").replace("LOG_LEVEL: debug", "LOG_LEVEL: debug")), objs(side("a", "b", "c").replace("LOG_LEVEL: debug", "LOG_LEVEL: trace"))), "text", { patches: true })).toContain("LOG_LEVEL: trace");
  });
});
