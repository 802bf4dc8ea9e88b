import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The project's read-only real data lives beside the repository in `shared/fixtures` and is not
 * copied into it. KUBEGATE_SHARED_DIR overrides the location.
 */
export function sharedFixturesDir(): string {
  const fromEnv = process.env.KUBEGATE_SHARED_DIR;
  if (fromEnv) return join(fromEnv, "fixtures");
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 10; i++) {
    const candidate = join(dir, "shared", "fixtures");
    if (existsSync(candidate)) return candidate;
    const sibling = join(dir, "..", "shared", "fixtures");
    if (existsSync(sibling) && existsSync(join(dir, "pnpm-workspace.yaml"))) return resolve(sibling);
    dir = dirname(dir);
  }
  throw new Error("shared/fixtures not found beside the repository; set KUBEGATE_SHARED_DIR");
}

export const TRAEFIK_CRD_RELEASES = {
  "v2.4.7": "traefik-crds/chart-v9.17.3-traefik-v2.4.7",
  "v2.5.0": "traefik-crds/chart-v10.3.0-traefik-v2.5.0",
  "v3.6.15": "traefik-crds/chart-v39.0.9-traefik-v3.6.15",
} as const;

export function traefikCrdDir(version: keyof typeof TRAEFIK_CRD_RELEASES): string {
  return join(sharedFixturesDir(), TRAEFIK_CRD_RELEASES[version]);
}
