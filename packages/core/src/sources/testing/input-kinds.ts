import { mkdtemp, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tempDir, webChart, writeTree } from "../../helm/testing/charts.js";
import { gitRepo } from "../../helm/testing/git.js";
import type { SourceRequest } from "../source-request.js";

/**
 * One table of input kinds, run through the library (`check`), the CLI (`kubegate check`) and the
 * GitHub Action (`runCheck`): each must read the same change the same way.
 */
export interface InputKindCase {
  name: string;
  /** Tools the case needs from the tools folder (the integration test builds them). */
  tools: Array<"helm" | "helmfile" | "kustomize">;
  setup(): Promise<InputKindSetup>;
  expect: { decision: "pass" | "warn" | "block"; changes: number; summary: RegExp };
}

export interface InputKindSetup {
  cwd: string;
  request: SourceRequest;
  /** Library options the CLI flags stand for (`--environment prod` is `{ environment: "prod" }`). */
  options?: { environment?: string };
  cli: string[];
  /** The Action's inputs (as a workflow sets them), relative to the workspace `cwd`. */
  action: Record<string, string>;
  /** A file a hook would create if kubegate ran it. */
  canary?: string;
}

const configMap = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: apps}\ndata: {key: "${value}"}\n`;

export const INPUT_KINDS: InputKindCase[] = [
  {
    name: "manifest folders",
    tools: [],
    async setup() {
      const cwd = await writeTree(await tempDir(), { "base/cm.yaml": configMap("a", "1"), "head/cm.yaml": configMap("a", "2") });
      return { cwd, request: { kind: "paths", base: ["base"], head: ["head"] }, cli: ["--base", "base", "--head", "head"], action: { base: "base", head: "head" } };
    },
    expect: { decision: "pass", changes: 1, summary: /read 1 manifest path/ },
  },
  {
    name: "kubegate.yaml Helm releases (main in two namespaces)",
    tools: ["helm"],
    async setup() {
      const tree = (replicas: number) => ({ ...webChart("web"), "kubegate.yaml": `releases:\n  - {name: main, namespace: one, chart: web, set: {replicas: ${replicas}}}\n  - {name: main, namespace: two, chart: web}\n` });
      const cwd = await tempDir();
      await writeTree(join(cwd, "base"), tree(1));
      await writeTree(join(cwd, "head"), tree(2));
      return { cwd, request: { kind: "paths", base: ["base"], head: ["head"] }, cli: ["--base", "base", "--head", "head"], action: { base: "base", head: "head" } };
    },
    expect: { decision: "pass", changes: 1, summary: /rendered 2 releases/ },
  },
  {
    name: "templated helmfile with helmfile.d, environments and a hook",
    tools: ["helm", "helmfile"],
    async setup() {
      const canary = join(await mkdtemp(join(tmpdir(), "kubegate-canary-")), "hook-ran");
      const tree = (replicas: number) => ({
        ...webChart("charts/web"),
        "helmfile.d/00-web.yaml.gotmpl": [
          "environments:",
          "  default: {values: [{replicas: 1}]}",
          `  prod: {values: [{replicas: ${replicas}}]}`,
          "---",
          "hooks:",
          `- events: ["prepare"]`,
          `  command: "touch"`,
          `  args: ["${canary}"]`,
          "releases:",
          "- name: main",
          "  namespace: {{ .Environment.Name }}",
          "  chart: ../charts/web",
          "  values:",
          "  - replicas: {{ .Values.replicas }}",
          "  - missing-{{ .Environment.Name }}.yaml",
          "  missingFileHandler: Warn",
          "",
        ].join("\n"),
      });
      const cwd = await tempDir();
      await writeTree(join(cwd, "base"), tree(2));
      await writeTree(join(cwd, "head"), tree(3));
      return { cwd, canary, request: { kind: "paths", base: ["base"], head: ["head"] }, options: { environment: "prod" }, cli: ["--base", "base", "--head", "head", "--environment", "prod"], action: { base: "base", head: "head", environment: "prod" } };
    },
    expect: { decision: "pass", changes: 1, summary: /rendered 1 release in 1 environment \(prod\).*1 hooks block skipped/ },
  },
  {
    name: "kustomize overlay over a base",
    tools: ["kustomize"],
    async setup() {
      const tree = (value: string) => ({
        "base/kustomization.yaml": "resources: [cm.yaml]\n",
        "base/cm.yaml": configMap("a", value),
        "overlay/kustomization.yaml": "namePrefix: prod-\nresources: [../base]\n",
      });
      const cwd = await tempDir();
      await writeTree(join(cwd, "base-tree"), tree("1"));
      await writeTree(join(cwd, "head-tree"), tree("2"));
      return { cwd, request: { kind: "paths", base: ["base-tree/overlay"], head: ["head-tree/overlay"] }, cli: ["--base", "base-tree/overlay", "--head", "head-tree/overlay"], action: { base: "base-tree/overlay", head: "head-tree/overlay" } };
    },
    expect: { decision: "pass", changes: 1, summary: /1 kustomization/ },
  },
  {
    name: "git refs of a repository",
    tools: [],
    async setup() {
      const cwd = await gitRepo([{ "cm.yaml": configMap("a", "1") }, { "cm.yaml": configMap("a", "2") }]);
      return { cwd, request: { kind: "git-refs", baseRef: "base", headRef: "main" }, cli: ["--base-ref", "base", "--head-ref", "main"], action: { "base-ref": "base", "head-ref": "main" } };
    },
    expect: { decision: "pass", changes: 1, summary: /read 1 manifest path \(base -> main\)|read 1 manifest path/ },
  },
  {
    name: "Flux repository at two git refs, from its root",
    tools: ["kustomize"],
    async setup() {
      const tree = (value: string) => ({
        "clusters/prod/apps.yaml": "apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: apps, namespace: flux-system}\nspec: {path: ./apps, targetNamespace: apps, sourceRef: {kind: GitRepository, name: flux-system}}\n",
        "apps/cm.yaml": configMap("a", value),
      });
      const cwd = await gitRepo([tree("1"), tree("2")]);
      return { cwd, request: { kind: "git-refs", baseRef: "base", headRef: "main" }, cli: ["--base-ref", "base", "--head-ref", "main"], action: { "base-ref": "base", "head-ref": "main" } };
    },
    expect: { decision: "pass", changes: 1, summary: /read 1 Flux cluster \(1 Kustomization\)/ },
  },
  {
    name: "Argo CD Applications in a folder",
    tools: ["kustomize"],
    async setup() {
      const tree = (value: string) => ({
        "argocd/app.yaml": "apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: apps, namespace: argocd}\nspec: {destination: {server: https://kubernetes.default.svc, namespace: apps}, source: {repoURL: https://example.com/r.git, path: apps}}\n",
        "apps/cm.yaml": configMap("a", value),
      });
      const cwd = await tempDir();
      await writeTree(join(cwd, "base"), tree("1"));
      await writeTree(join(cwd, "head"), tree("2"));
      return { cwd, request: { kind: "paths", base: ["base"], head: ["head"] }, cli: ["--base", "base", "--head", "head"], action: { base: "base", head: "head" } };
    },
    expect: { decision: "pass", changes: 1, summary: /read 1 Argo CD cluster \(1 Application\)/ },
  },
  {
    name: "Pulumi preview",
    tools: [],
    async setup() {
      const cwd = await tempDir();
      // The fixture lives in src/ (dist/ has no fixtures): found from either.
      const pkg = import.meta.dirname.replace(/[\\/](src|dist)[\\/]sources[\\/]testing$/, "");
      const fixture = readFileSync(join(pkg, "src", "load", "pulumi-preview", "fixtures", "lb-replaced-in-place.json"), "utf8");
      await writeFile(join(cwd, "preview.json"), fixture);
      return { cwd, request: { kind: "pulumi-preview", file: "preview.json" }, cli: ["--pulumi-preview", "preview.json"], action: { "pulumi-preview": "preview.json" } };
    },
    expect: { decision: "block", changes: 2, summary: /read a Pulumi preview/ },
  },
];
