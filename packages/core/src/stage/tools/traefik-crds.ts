/**
 * Traefik's own CRD definitions, read from the Traefik Go module of a release (its docs carry the
 * CRDs the release's Helm chart ships) and copied into `<toolsDir>/traefik-crds-<version>/`, one
 * folder of YAML files per release. The module is the one the Traefik builds download anyway, so
 * nothing beyond the Go module proxy is needed, and nothing outside the repository is read.
 */
import { existsSync } from "node:fs";
import { copyFile, mkdir, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { toolsDir } from "./build-tool.js";
import { goModuleDir } from "./go-module-dir.js";

const DEFINITIONS = "docs/content/reference/dynamic-configuration";

interface CrdSource {
  readonly module: string;
  /** CRD files of the module: one multi-document file, or the per-kind files of a prefix. */
  readonly files: RegExp;
}

/** Releases whose CRDs the tests use: v1beta1 without schemas (2.4), v1 with schemas (2.5, 3.6). */
export const TRAEFIK_CRD_SOURCES = {
  "v2.4.13": { module: "github.com/traefik/traefik/v2", files: /^kubernetes-crd-definition\.yml$/ },
  "v2.5.0": { module: "github.com/traefik/traefik/v2", files: /^traefik\.containo\.us_.*\.yaml$/ },
  "v3.6.15": { module: "github.com/traefik/traefik/v3", files: /^traefik\.io_.*\.yaml$/ },
} as const satisfies Record<string, CrdSource>;

export type TraefikCrdRelease = keyof typeof TRAEFIK_CRD_SOURCES;

/** The folder holding the release's CRD files (fetched from the Go module on first use). */
export async function traefikCrdsDir(release: TraefikCrdRelease, options: { signal?: AbortSignal } = {}): Promise<string> {
  const target = join(toolsDir(), `traefik-crds-${release}`);
  if (existsSync(target)) return target;
  const source: CrdSource = TRAEFIK_CRD_SOURCES[release];
  const from = join(await goModuleDir(source.module, release, options), DEFINITIONS);
  const files = (await readdir(from)).filter((f) => source.files.test(f)).sort();
  if (files.length === 0) throw new Error(`${source.module}@${release} has no CRD files in ${DEFINITIONS}`);
  // Copied into a private folder, then renamed: a concurrent reader never sees half of it.
  const staging = `${target}.tmp-${process.pid}`;
  await mkdir(staging, { recursive: true });
  for (const file of files) await copyFile(join(from, file), join(staging, file));
  try {
    await rename(staging, target);
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (!existsSync(target)) throw new Error(`could not keep the Traefik ${release} CRDs in ${target}`, { cause: error });
  }
  return target;
}
