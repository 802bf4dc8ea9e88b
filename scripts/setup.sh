#!/usr/bin/env bash
# One idempotent set-up step for a fresh machine: pnpm, dependencies, build.
# Everything kubegate needs is installed by this script; nothing by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM_VERSION="$(node -p "require('./package.json').packageManager.split('@')[1]")"
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm $PNPM_VERSION" >&2
  # corepack's signature check fails offline-ish registries; the npm registry is reachable.
  npm install -g --silent "pnpm@$PNPM_VERSION" >&2
fi
if [ ! -d node_modules ] || [ pnpm-lock.yaml -nt node_modules/.modules.yaml ]; then
  echo "setup: pnpm install" >&2
  pnpm install --frozen-lockfile --reporter=silent >&2 || pnpm install --reporter=silent >&2
fi
echo "setup: build" >&2
pnpm -r --filter './packages/**' run build >&2
