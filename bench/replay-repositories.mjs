// The public repositories bench/replay-history.mjs replays, as users keep them. `tuned: false`
// marks the one kept aside: kubegate was not adjusted on it, its figures are reported separately.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** A chart folder judged as users deploy it: one release with the chart's own defaults. */
const helmRelease = (name, namespace, chart) => (side) =>
  writeFileSync(join(side, "kubegate.yaml"), `releases:\n  - {name: ${name}, namespace: ${namespace}, chart: ${chart}}\n`);

export const REPOSITORIES = [
  {
    name: "GoogleCloudPlatform/microservices-demo",
    kind: "plain manifests",
    tuned: true,
    paths: ["release/kubernetes-manifests.yaml"],
  },
  {
    // Its 2021 manifests carry policy/v1beta1 objects (removed in Kubernetes 1.25) that most commits
    // leave alone: the debt a gate must list without blocking every commit on it.
    name: "prometheus-operator/kube-prometheus",
    kind: "plain manifests (2021 window)",
    tuned: true,
    paths: ["manifests"],
    until: "6f744e24",
  },
  {
    name: "traefik/traefik-helm-chart",
    kind: "Helm chart",
    tuned: true,
    paths: ["traefik"],
    prepare: helmRelease("traefik", "traefik", "traefik"),
  },
  {
    // Judged per overlay, as Flux applies it: the production apps overlay (a kustomization over the
    // base HelmRelease); the cluster folders hold Flux's own Kustomizations for two clusters.
    name: "fluxcd/flux2-kustomize-helm-example",
    kind: "GitOps (Flux, kustomize overlay)",
    tuned: true,
    paths: ["apps"],
    root: "apps/production",
  },
  {
    name: "kubernetes/ingress-nginx",
    kind: "plain manifests (rendered controller install)",
    tuned: false,
    paths: ["deploy/static/provider/cloud/deploy.yaml"],
  },
];
