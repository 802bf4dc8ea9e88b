import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { check } from "../../check/check.js";
import { tempDir, webChart, writeTree } from "../../helm/testing/charts.js";
import { ensureTools } from "../../stage/tools/build-tool.js";

// A Flux repository as `flux bootstrap` lays it out: one folder per cluster, each with Kustomizations
// reading overlays of one base, a postBuild variable, and a HelmRelease of a chart in the repository.
const flux = (options: { stagingReplicas?: number; baseImage?: string; nginx?: boolean } = {}): Record<string, string> => ({
  ...webChart("charts/web"),
  ...["production", "staging"].reduce<Record<string, string>>((files, cluster) => ({
    ...files,
    [`clusters/${cluster}/apps.yaml`]: [
      "apiVersion: kustomize.toolkit.fluxcd.io/v1",
      "kind: Kustomization",
      "metadata: {name: apps, namespace: flux-system}",
      "spec:",
      "  sourceRef: {kind: GitRepository, name: flux-system}",
      `  path: ./apps/${cluster}`,
      "  targetNamespace: shop",
      "  postBuild:",
      `    substitute: {HOST: shop.${cluster}.example.com}`,
      "",
    ].join("\n"),
    [`clusters/${cluster}/infrastructure.yaml`]: [
      "apiVersion: kustomize.toolkit.fluxcd.io/v1",
      "kind: Kustomization",
      "metadata: {name: infrastructure, namespace: flux-system}",
      "spec:",
      "  sourceRef: {kind: GitRepository, name: flux-system}",
      "  path: ./infrastructure",
      "",
    ].join("\n"),
    [`apps/${cluster}/kustomization.yaml`]: `resources: [../base]\nreplicas: [{name: shop, count: ${cluster === "staging" ? (options.stagingReplicas ?? 2) : 2}}]\n`,
  }), {}),
  "apps/base/kustomization.yaml": "resources: [deployment.yaml, ingress.yaml, release.yaml]\n",
  "apps/base/deployment.yaml": [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata: {name: shop}",
    "spec:",
    "  selector: {matchLabels: {app: shop}}",
    "  template:",
    "    metadata: {labels: {app: shop}}",
    `    spec: {containers: [{name: shop, image: "${options.baseImage ?? "shop:1.0"}"}]}`,
    "---",
    "apiVersion: v1",
    "kind: Service",
    "metadata: {name: shop}",
    "spec: {selector: {app: shop}, ports: [{port: 80}]}",
    "",
  ].join("\n"),
  "apps/base/ingress.yaml": [
    "apiVersion: networking.k8s.io/v1",
    "kind: Ingress",
    "metadata: {name: shop}",
    "spec:",
    "  ingressClassName: nginx",
    "  rules: [{host: \"${HOST}\", http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: shop, port: {number: 80}}}}]}}]",
    "",
  ].join("\n"),
  "apps/base/release.yaml": [
    "apiVersion: helm.toolkit.fluxcd.io/v2",
    "kind: HelmRelease",
    "metadata: {name: web}",
    "spec:",
    "  chart: {spec: {chart: ./charts/web, sourceRef: {kind: GitRepository, name: flux-system, namespace: flux-system}}}",
    "  values: {replicas: 2}",
    "",
  ].join("\n"),
  "infrastructure/namespace.yaml": "apiVersion: v1\nkind: Namespace\nmetadata: {name: ingress-nginx}\n",
  ...(options.nginx === false
    ? {}
    : {
        "infrastructure/ingress-nginx.yaml": [
          "apiVersion: helm.toolkit.fluxcd.io/v2",
          "kind: HelmRelease",
          "metadata: {name: ingress-nginx, namespace: ingress-nginx}",
          "spec:",
          "  chart: {spec: {chart: ingress-nginx, version: 4.11.3, sourceRef: {kind: HelmRepository, name: ingress-nginx}}}",
          "",
        ].join("\n"),
      }),
});

async function judge(base: Record<string, string>, head: Record<string, string>, paths: string[] = ["."]): Promise<Awaited<ReturnType<typeof check>>> {
  const cwd = await tempDir("kubegate-gitops-test-");
  await writeTree(join(cwd, "base"), base);
  await writeTree(join(cwd, "head"), head);
  return check({ kind: "paths", base: paths, head: paths, roots: { base: join(cwd, "base"), head: join(cwd, "head") } }, { cwd });
}

describe("Flux repositories", () => {
  beforeAll(async () => {
    await ensureTools(["helm", "kustomize"]);
  }, 60 * 60_000);

  it("judges only the cluster a change alters, built as Flux builds it", async () => {
    const result = await judge(flux(), flux({ stagingReplicas: 3 }));
    expect(result.sources?.notes).toContain("clusters: judged clusters/staging; unchanged: clusters/production");
    const deployment = result.head.manifests.find((m) => m.ref.kind === "Deployment" && m.ref.name === "shop");
    // targetNamespace, the overlay's replicas and the HelmRelease's chart rendered from the repository.
    expect(deployment?.ref.namespace).toBe("shop");
    expect((deployment?.object as unknown as { spec: { replicas: number } }).spec.replicas).toBe(3);
    expect(result.head.manifests.some((m) => m.ref.kind === "Deployment" && m.ref.name === "web")).toBe(true);
    const ingress = result.head.manifests.find((m) => m.ref.kind === "Ingress");
    expect(JSON.stringify(ingress?.object)).toContain("shop.staging.example.com");
    expect(ingress?.source.file).toBe("apps/base/ingress.yaml");
    expect(result.changes.map((c) => c.key)).toEqual(["apps/Deployment/shop/shop"]);
  }, 120_000);

  it("judges every cluster a shared base change alters, each finding naming its cluster", async () => {
    const result = await judge(flux(), flux({ nginx: false }));
    expect(result.clusters?.map((c) => c.name)).toEqual(["clusters/production", "clusters/staging"]);
    const removed = result.findings.filter((f) => f.rule === "ingress-controller-disrupted");
    expect(removed.map((f) => f.cluster)).toEqual(["clusters/production", "clusters/staging"]);
    expect(removed[0]!.message).toContain("every host it serves (shop.production.example.com)");
    expect(removed[1]!.message).toContain("shop.staging.example.com");
    expect(result.decision).toBe("block");
    expect(result.sources?.summary).toMatch(/^read 2 Flux clusters \(4 Kustomizations, 2 charts rendered\)$/);
  }, 120_000);

  it("reads one cluster when its folder is named", async () => {
    const result = await judge(flux(), flux({ baseImage: "shop:2.0" }), ["clusters/production"]);
    expect(result.clusters).toBeUndefined();
    expect(result.sources?.notes).toContain("clusters: judged clusters/production");
    expect(result.decision).toBe("pass");
  }, 120_000);
});

const argo = (image: string): Record<string, string> => ({
  ...webChart("charts/web"),
  "argocd/apps.yaml": [
    "apiVersion: argoproj.io/v1alpha1",
    "kind: Application",
    "metadata: {name: web, namespace: argocd}",
    "spec:",
    "  destination: {server: https://kubernetes.default.svc, namespace: web}",
    "  source: {repoURL: https://example.com/repo.git, path: charts/web, helm: {releaseName: web, valuesObject: {replicas: 3}}}",
    "---",
    "apiVersion: argoproj.io/v1alpha1",
    "kind: Application",
    "metadata: {name: shop, namespace: argocd}",
    "spec:",
    "  destination: {server: https://kubernetes.default.svc, namespace: shop}",
    "  source: {repoURL: https://example.com/repo.git, path: shop, kustomize: {namePrefix: prod-}}",
    "---",
    "apiVersion: argoproj.io/v1alpha1",
    "kind: Application",
    "metadata: {name: remote, namespace: argocd}",
    "spec:",
    "  destination: {server: https://kubernetes.default.svc, namespace: remote}",
    "  source: {repoURL: https://charts.example.com, chart: remote, targetRevision: 1.0.0}",
    "",
  ].join("\n"),
  "shop/kustomization.yaml": "resources: [deployment.yaml]\n",
  "shop/deployment.yaml": `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: shop}\nspec:\n  selector: {matchLabels: {app: shop}}\n  template:\n    metadata: {labels: {app: shop}}\n    spec: {containers: [{name: shop, image: "${image}"}]}\n`,
});

describe("Argo CD repositories", () => {
  beforeAll(async () => {
    await ensureTools(["helm", "kustomize"]);
  }, 60 * 60_000);

  it("reads each Application's source as Argo CD would, in its destination namespace", async () => {
    const result = await judge(argo("shop:1.0"), argo("shop:1.1"));
    expect(result.changes.map((c) => c.key)).toEqual(["apps/Deployment/shop/prod-shop"]);
    const web = result.head.manifests.find((m) => m.ref.kind === "Deployment" && m.ref.name === "web");
    expect(web?.ref.namespace).toBe("web");
    expect((web?.object as unknown as { spec: { replicas: number } }).spec.replicas).toBe(3);
    expect(result.sources?.notes.join("\n")).toMatch(/Application argocd\/remote .*chart remote 1\.0\.0 from https:\/\/charts\.example\.com is not available offline/);
    expect(result.decision).toBe("pass");
  }, 120_000);
});
