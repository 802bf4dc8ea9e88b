#!/usr/bin/env bash
# Builds (once, then reuses) the Go tools the tests run for real: etcd and kube-apiserver for the
# local staging cluster, Traefik v3.6 and v2.4 (incident 000), helm, act (the GitHub Action's
# end-to-end test), and helmfile and kustomize (src/sources: platform repositories). Cached under ${KUBEGATE_TOOLS_DIR:-~/.cache/kubegate/tools}; pinned in
# packages/core/src/stage/tools/versions.ts. Run after scripts/setup.sh (it uses the built CLI).
set -euo pipefail
cd "$(dirname "$0")/.."
node packages/core/dist/stage/tools/build-tools-cli.js etcd kube-apiserver traefik-v3 traefik-v2.4 helm act helmfile kustomize
