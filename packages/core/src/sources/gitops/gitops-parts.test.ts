import { describe, expect, it } from "vitest";
import { globMatch } from "./argo-application.js";
import { expandApplicationSets } from "./argo-application-set.js";
import { fluxClusters } from "./flux-clusters.js";
import { addDocuments, emptyIndex } from "./scan-repository.js";
import { substituteText } from "./substitute.js";

describe("substituteText (Flux postBuild)", () => {
  it("substitutes ${var} and the default forms, keeps $${var} literal and names what has no value", () => {
    const missing = new Set<string>();
    const text = "a: ${A}\nb: ${B:=fallback}\nc: ${C:-x}\nd: $${A}\ne: ${NONE}\n";
    expect(substituteText(text, { A: "one", C: "" }, missing)).toBe("a: one\nb: fallback\nc: x\nd: ${A}\ne: \n");
    expect([...missing]).toEqual(["NONE"]);
  });
});

describe("fluxClusters", () => {
  it("takes each folder of entry Kustomizations as a cluster, and a bootstrap Kustomization's own path", () => {
    const index = emptyIndex();
    const k = (name: string, path: string): string => `apiVersion: kustomize.toolkit.fluxcd.io/v1\nkind: Kustomization\nmetadata: {name: ${name}, namespace: flux-system}\nspec: {path: ${path}, sourceRef: {kind: GitRepository, name: flux-system}}\n`;
    addDocuments(index, k("apps", "./apps/production"), "clusters/production/apps.yaml");
    addDocuments(index, k("apps", "./apps/staging"), "clusters/staging/apps.yaml");
    addDocuments(index, k("flux-system", "./clusters/dev"), "clusters/dev/flux-system/gotk-sync.yaml");
    addDocuments(index, k("apps", "./apps/dev"), "clusters/dev/apps.yaml");
    expect(fluxClusters(index)).toEqual(["clusters/dev", "clusters/production", "clusters/staging"]);
  });
});

describe("Argo CD globs and ApplicationSets", () => {
  it("matches include/exclude globs and brace alternatives", () => {
    expect(globMatch("*.yaml", "sub/a.yaml")).toBe(true);
    expect(globMatch("{a.yaml,b.yaml}", "b.yaml")).toBe(true);
    expect(globMatch("apps/*", "apps/x/y", false)).toBe(false);
  });

  it("expands a list generator with the set's template", () => {
    const index = emptyIndex();
    addDocuments(index, [
      "apiVersion: argoproj.io/v1alpha1",
      "kind: ApplicationSet",
      "metadata: {name: guestbook}",
      "spec:",
      "  generators: [{list: {elements: [{cluster: dev}, {cluster: prod}]}}]",
      "  template:",
      "    metadata: {name: 'guestbook-{{cluster}}'}",
      "    spec: {source: {path: 'envs/{{cluster}}'}, destination: {name: '{{cluster}}', namespace: guestbook}}",
      "",
    ].join("\n"), "appsets/guestbook.yaml");
    const apps = expandApplicationSets(index.applicationSets, { dir: "/nonexistent", shown: (p) => p }, []);
    expect(apps.map((a) => [a.object.metadata.name, (a.object.spec?.source as { path: string }).path])).toEqual([["guestbook-dev", "envs/dev"], ["guestbook-prod", "envs/prod"]]);
  });
});

describe("argocd-apps values and git directory generators", () => {
  it("reads ApplicationSets from the values of a chart depending on argocd-apps, and expands {{path}} and {{path.basename}}", async () => {
    const { mkdtemp, mkdir, writeFile } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const root = await mkdtemp(join(tmpdir(), "kubegate-argocd-apps-"));
    await mkdir(join(root, "system/argocd"), { recursive: true });
    await mkdir(join(root, "apps/blog"), { recursive: true });
    await mkdir(join(root, "apps/wiki"), { recursive: true });
    await writeFile(join(root, "system/argocd/Chart.yaml"), "apiVersion: v2\nname: argocd\nversion: 0.0.0\ndependencies:\n  - {name: argocd-apps, version: 2.0.0, repository: https://argoproj.github.io/argo-helm}\n");
    await writeFile(join(root, "system/argocd/values.yaml"), [
      "argocd-apps:",
      "  applicationsets:",
      "    root:",
      "      namespace: argocd",
      "      generators: [{git: {repoURL: https://example.com/r, revision: main, directories: [{path: apps/*}]}}]",
      "      template:",
      "        metadata: {name: '{{path.basename}}'}",
      "        spec: {source: {path: '{{path}}'}, destination: {name: in-cluster, namespace: '{{path.basename}}'}}",
      "",
    ].join("\n"));
    const { scanRepository } = await import("./scan-repository.js");
    const index = await scanRepository(root);
    expect(index.applicationSets.map((s) => [s.object.metadata.name, s.file, s.line])).toEqual([["root", "system/argocd/values.yaml", 3]]);
    const apps = expandApplicationSets(index.applicationSets, { dir: root, shown: (p) => p }, []);
    expect(apps.map((a) => [a.object.metadata.name, (a.object.spec?.source as { path: string }).path])).toEqual([["blog", "apps/blog"], ["wiki", "apps/wiki"]]);
  });
});
