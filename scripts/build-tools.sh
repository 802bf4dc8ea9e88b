#!/usr/bin/env bash
# Builds (once, then reuses) the Go tools the tests run for real: etcd and kube-apiserver for the
# local staging cluster (Kubernetes 1.37, and 1.34 for older targets), Traefik v3.6, v2.11 and v2.4
# (incident 000), helm (4, and 3 for Helm 3 users), act (the GitHub Action's end-to-end test),
# and helmfile and kustomize (src/sources: platform repositories).
# Cached under ${KUBEGATE_TOOLS_DIR:-~/.cache/kubegate/tools}; pinned in
# packages/core/src/stage/tools/versions.ts. Run after scripts/setup.sh (it uses the built CLI).
set -euo pipefail
cd "$(dirname "$0")/.."
node packages/core/dist/stage/tools/build-tools-cli.js etcd kube-apiserver traefik-v3 traefik-v2.4 helm act helmfile kustomize
# The older Kubernetes target, Traefik v2.11 (the action's staged end-to-end test) and Helm 3.
node packages/core/dist/stage/tools/build-tools-cli.js kube-apiserver-1.34 traefik-v2 helm3
