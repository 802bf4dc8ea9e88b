import type { Manifest } from "../model/manifest.js";
import { resourceKey } from "../normalize/normalize.js";
import type { Release } from "./releases.js";

/**
 * Findings about a release or a values file (not about one rendered object) still need a
 * `Manifest` to hang on: these stand-ins name the release / file, point at where it is declared,
 * and can be acknowledged in kubegate.yaml by kind and name like any object.
 */
export const RELEASE_KIND = "HelmRelease";
export const VALUES_KIND = "HelmValues";
const API_VERSION = "kubegate.dev/v1";

export function releaseManifest(release: Release): Manifest {
  const ref = { apiVersion: API_VERSION, kind: RELEASE_KIND, namespace: release.namespace, name: release.name };
  return {
    key: resourceKey("kubegate.dev", RELEASE_KIND, release.namespace, release.name),
    ref,
    group: "kubegate.dev",
    object: { apiVersion: API_VERSION, kind: RELEASE_KIND, metadata: { name: release.name, namespace: release.namespace } },
    source: { file: release.declaredIn.file, line: release.declaredIn.line ?? 1, documentIndex: 0, release: release.name },
  };
}

export function valuesManifest(key: string, file: string, line: number | undefined): Manifest {
  const ref = { apiVersion: API_VERSION, kind: VALUES_KIND, name: key };
  return {
    key: resourceKey("kubegate.dev", VALUES_KIND, undefined, key),
    ref,
    group: "kubegate.dev",
    object: { apiVersion: API_VERSION, kind: VALUES_KIND, metadata: { name: key } },
    source: { file, line: line ?? 1, documentIndex: 0 },
  };
}
