#!/usr/bin/env node
// Issue 20's measurement: seven ordinary one-line ways to break routing that the five incident
// replays do not cover, each applied to examples/benign/_base (Traefik v3.6 in front of two apps),
// run through `kubegate check` (static) and, with --staged, `kubegate gate --stage local`.
// A case is "caught" when the decision is block or warn because of it (the table shows the rules
// that fired and, staged, the routes that fail at head). Run it against two builds to compare:
//
//   node bench/hidden-cases.mjs [--staged] [--cli <path to dist/cli/main.js>] [--only id,id]
//
// Default CLI: this checkout's packages/core/dist/cli/main.js (run `npm run setup` first).
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const root = resolve(import.meta.dirname, "..");
const { values } = parseArgs({ options: { staged: { type: "boolean", default: false }, cli: { type: "string" }, only: { type: "string" } } });
const cli = resolve(values.cli ?? join(root, "packages", "core", "dist", "cli", "main.js"));
const baseDir = join(root, "examples", "benign", "_base");
const crds = readFileSync(join(root, "examples", "incidents", "000_7375ecc9ae900139", "traefik-v3.6", "base", "crds.yaml"), "utf8");

const feeds = (match) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: feeds, namespace: apps}
spec:
  selector: {matchLabels: {app: feeds}}
  template:
    metadata: {labels: {app: feeds}}
    spec: {containers: [{name: feeds, image: "registry.example.com/feeds:1.0", ports: [{name: http, containerPort: 8080}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: feeds, namespace: apps}
spec: {selector: {app: feeds}, ports: [{name: http, port: 80, targetPort: http}]}
---
apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata: {name: feeds, namespace: apps}
spec:
  entryPoints: [web]
  routes:
    - match: ${match}
      services: [{name: feeds, port: 80}]
`;
const issuer = `apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata: {name: letsencrypt}
spec: {acme: {server: https://acme-v02.api.letsencrypt.org/directory, privateKeySecretRef: {name: letsencrypt-account}, solvers: [{http01: {ingress: {ingressClassName: traefik}}}]}}
`;

/** Each case: extra files on both sides, and the one edit head makes (file, text before, text after). */
const CASES = [
  { id: "selector-typo", what: "Service shop selects app=shpo", edit: ["apps.yaml", "  selector: {app: shop}\n  ports:", "  selector: {app: shpo}\n  ports:"] },
  { id: "target-port-renamed", what: "Service blog targetPort http -> web (containers name it http)", edit: ["apps.yaml", "  selector: {app: blog}\n  ports:\n    - {name: http, port: 80, targetPort: http}", "  selector: {app: blog}\n  ports:\n    - {name: http, port: 80, targetPort: web}"] },
  { id: "class-unserved", what: "Ingress shop moves to class traefik-internal (served by nothing in the change)", edit: ["apps.yaml", "ingressClassName: traefik\n  tls:", "ingressClassName: traefik-internal\n  tls:"] },
  {
    id: "rule-syntax-v3",
    what: "IngressRoute feeds: HostRegexp v3 regexp -> v2 {name:re} template on Traefik v3.6",
    files: { "crds.yaml": crds, "feeds.yaml": feeds("HostRegexp(`^[a-z]+\\.feeds\\.example\\.com$`)") },
    edit: ["feeds.yaml", "HostRegexp(`^[a-z]+\\.feeds\\.example\\.com$`)", "HostRegexp(`{tenant:[a-z]+}.feeds.example.com`)"],
  },
  { id: "external-traffic-policy", what: "Traefik's LoadBalancer gets externalTrafficPolicy: Local (3 replicas)", edit: ["platform.yaml", "  type: LoadBalancer\n", "  type: LoadBalancer\n  externalTrafficPolicy: Local\n"] },
  {
    id: "issuer-deleted",
    what: "ClusterIssuer letsencrypt deleted; Ingress shop still names it",
    files: { "issuer.yaml": issuer },
    baseOnly: ["issuer.yaml"],
    edit: ["apps.yaml", "metadata:\n  name: shop\n  namespace: apps\nspec:\n  ingressClassName", "metadata:\n  name: shop\n  namespace: apps\n  annotations: {cert-manager.io/cluster-issuer: letsencrypt}\nspec:\n  ingressClassName"],
    bothSidesEdit: true,
  },
  { id: "tls-secret-renamed", what: "Ingress shop's TLS Secret shop-tls -> shop-tls-v2 (nothing provides it)", edit: ["apps.yaml", "secretName: shop-tls", "secretName: shop-tls-v2"] },
];

function prepare(c) {
  const dir = mkdtempSync(join(tmpdir(), `kubegate-hidden-${c.id}-`));
  for (const side of ["base", "head"]) {
    cpSync(baseDir, join(dir, side), { recursive: true });
    for (const [name, text] of Object.entries(c.files ?? {})) if (side === "base" || !(c.baseOnly ?? []).includes(name)) writeFileSync(join(dir, side, name), text);
    const [file, from, to] = c.edit;
    // Cases whose edit sets up a dependency (issuer-deleted) make it on both sides; head then drops the object.
    if (side === "head" || c.bothSidesEdit) {
      const path = join(dir, side, file);
      const text = readFileSync(path, "utf8");
      if (!text.includes(from)) throw new Error(`${c.id}: ${file} does not contain the text to edit`);
      writeFileSync(path, text.replace(from, to));
    }
  }
  return dir;
}

function run(args) {
  const r = spawnSync(process.execPath, [cli, ...args, "--format", "json"], { encoding: "utf8", maxBuffer: 64 << 20 });
  try {
    return { code: r.status, report: JSON.parse(r.stdout) };
  } catch {
    return { code: r.status, error: (r.stderr || r.stdout).trim().split("\n").slice(-3).join(" | ") };
  }
}

function summarize(result) {
  if (result.error) return { caught: false, text: `exit ${result.code}: ${result.error}` };
  const { decision, findings = [], smoke } = result.report;
  const rules = [...new Set(findings.filter((f) => f.severity !== "info").map((f) => `${f.rule}(${f.severity})`))];
  const failing = (smoke?.routes ?? []).filter((r) => (r.head && !r.head.ok) || (r.afterRestart && !r.afterRestart.ok)).map((r) => r.host);
  const dependsOn = smoke?.standins?.headDependsOn ?? [];
  const detail = [rules.join(" ") || "no findings", failing.length ? `fails at head: ${failing.join(", ")}` : "", dependsOn.length ? `head depends on: ${dependsOn.join(", ")}` : ""].filter(Boolean).join("; ");
  return { caught: decision === "block" || decision === "warn", text: `${decision}: ${detail}` };
}

const selected = values.only ? CASES.filter((c) => values.only.split(",").includes(c.id)) : CASES;
const rows = [];
for (const c of selected) {
  const dir = prepare(c);
  try {
    const staticResult = summarize(run(["check", "--base", join(dir, "base"), "--head", join(dir, "head")]));
    const stagedResult = values.staged ? summarize(run(["gate", "--base", join(dir, "base"), "--head", join(dir, "head"), "--stage", "local"])) : undefined;
    rows.push({ c, staticResult, stagedResult });
    console.error(`${c.id}: static ${staticResult.text}${stagedResult ? ` | staged ${stagedResult.text}` : ""}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`kubegate: ${cli}\n`);
console.log(`| case | change | static | ${values.staged ? "staged |" : ""}`);
console.log(`| --- | --- | --- | ${values.staged ? "--- |" : ""}`);
for (const { c, staticResult, stagedResult } of rows) {
  const cell = (r) => `${r.caught ? "caught" : "missed"} (${r.text})`;
  console.log(`| ${c.id} | ${c.what} | ${cell(staticResult)} | ${stagedResult ? `${cell(stagedResult)} |` : ""}`);
}
const count = (key) => rows.filter((r) => r[key]?.caught).length;
console.log(`\nstatic: ${count("staticResult")} of ${rows.length} caught${values.staged ? `; staged: ${count("stagedResult")} of ${rows.length} caught` : ""}`);
