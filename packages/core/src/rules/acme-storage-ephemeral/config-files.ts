import { posix } from "node:path";
import { load } from "js-yaml";
import type { Manifest, ManifestSet } from "../../model/manifest.js";
import type { Container, PodTemplate } from "../../workloads/index.js";
import { parseTomlLite } from "./toml-lite.js";

/** One file a ConfigMap volume puts into the container's filesystem. */
export interface MountedFile {
  path: string;
  configMap: Manifest;
  key: string;
  content: string;
}

type KeyToPath = { key: string; path: string };
type ConfigMapSource = { name?: string; items?: KeyToPath[] };

/** Files from ConfigMap (and projected ConfigMap) volumes mounted into `container`, read from `set`. */
export function mountedConfigFiles(set: ManifestSet, namespace: string, template: PodTemplate, container: Container): MountedFile[] {
  const files: MountedFile[] = [];
  for (const mount of container.volumeMounts ?? []) {
    const volume = template.volumes.find((v) => v.name === mount.name);
    if (!volume) continue;
    const projected = (volume.projected as { sources?: Array<{ configMap?: ConfigMapSource }> } | undefined)?.sources ?? [];
    const sources = [volume.configMap as ConfigMapSource | undefined, ...projected.map((s) => s.configMap)].filter((s): s is ConfigMapSource => !!s?.name);
    for (const source of sources) {
      const configMap = set.byKey.get(`/ConfigMap/${namespace}/${source.name}`);
      if (!configMap) continue;
      const data = (configMap.object.data ?? {}) as Record<string, string>;
      const entries: KeyToPath[] = source.items ?? Object.keys(data).map((key) => ({ key, path: key }));
      for (const { key, path } of entries) {
        if (typeof data[key] !== "string") continue;
        // With subPath the mount is the one file (or folder) at that path inside the volume.
        if (mount.subPath !== undefined && mount.subPath !== path) continue;
        const full = mount.subPath !== undefined ? mount.mountPath : posix.join(mount.mountPath, path);
        files.push({ path: posix.normalize(full), configMap, key, content: data[key] });
      }
    }
  }
  return files;
}

const DEFAULT_NAMES = new Set(["traefik.toml", "traefik.yml", "traefik.yaml"]);

/**
 * The static config files among the mounted ones: the `--configFile` one when set, otherwise any
 * file named traefik.{toml,yml,yaml} (Traefik looks in /etc/traefik, $HOME/.config and the working
 * dir; a mounted file with that name is meant to be read).
 */
export function staticConfigFiles(files: MountedFile[], configFile: string | undefined, workingDir: string): MountedFile[] {
  if (configFile) {
    const wanted = posix.resolve(workingDir, configFile);
    return files.filter((f) => f.path === wanted);
  }
  return files.filter((f) => DEFAULT_NAMES.has(posix.basename(f.path).toLowerCase()));
}

/** Parses a static config file by extension; an unreadable file yields undefined. */
export function parseStaticConfig(file: MountedFile): unknown {
  try {
    return /\.ya?ml$/i.test(file.path) ? load(file.content) : parseTomlLite(file.content);
  } catch {
    return undefined;
  }
}
