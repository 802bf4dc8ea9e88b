import type { Manifest, ManifestSet } from "../model/manifest.js";
import { resourceKey } from "../normalize/index.js";
import type { PodTemplate, Volume } from "../workloads/pod-template.js";
import { certificatesBySecret } from "./cert-manager.js";
import { objectKeys } from "./object-data.js";

/** One file a container sees from a Secret or ConfigMap volume (directly or through a projected volume). */
export interface MountedFile {
  container: string;
  /** Absolute path in the container; for an object outside the manifests mounted whole, its directory. */
  path: string;
  kind: "Secret" | "ConfigMap";
  namespace: string;
  name: string;
  /** The key; undefined when the object is not in the manifests and the volume lists no items. */
  key?: string;
  /** The object, when the manifests hold it. */
  object?: Manifest;
}

type Items = Array<{ key?: string; path?: string }> | undefined;
type Source = { kind: "Secret" | "ConfigMap"; name: string; items: Items };

/** Keys a cert-manager Certificate writes into its Secret. */
const CERT_MANAGER_KEYS = ["tls.crt", "tls.key", "ca.crt"];

function volumeSources(volume: Volume): Source[] {
  const out: Source[] = [];
  const v = volume as Volume & { projected?: { sources?: Array<{ secret?: { name?: string; items?: Items }; configMap?: { name?: string; items?: Items } }> } };
  const secret = v.secret as { secretName?: string; items?: Items } | undefined;
  const configMap = v.configMap as { name?: string; items?: Items } | undefined;
  if (secret?.secretName) out.push({ kind: "Secret", name: secret.secretName, items: secret.items });
  if (configMap?.name) out.push({ kind: "ConfigMap", name: configMap.name, items: configMap.items });
  for (const s of v.projected?.sources ?? []) {
    if (s.secret?.name) out.push({ kind: "Secret", name: s.secret.name, items: s.secret.items });
    if (s.configMap?.name) out.push({ kind: "ConfigMap", name: s.configMap.name, items: s.configMap.items });
  }
  return out;
}

/** key -> file name inside the volume; undefined: unknown (object outside the manifests). */
function entries(set: ManifestSet, namespace: string, source: Source): { object?: Manifest; files?: Array<[string, string]> } {
  const object = set.byKey.get(resourceKey("", source.kind, namespace, source.name));
  if (source.items?.length) return { ...(object ? { object } : {}), files: source.items.filter((i) => i.key).map((i) => [i.key!, i.path ?? i.key!]) };
  if (object) return { object, files: objectKeys(object).map((k) => [k, k]) };
  if (source.kind === "Secret" && certificatesBySecret(set).has(`${namespace}/${source.name}`)) return { files: CERT_MANAGER_KEYS.map((k) => [k, k]) };
  return {};
}

/** Every Secret/ConfigMap file the containers of a pod template mount. */
export function mountedFiles(set: ManifestSet, namespace: string, template: PodTemplate): MountedFile[] {
  const volumes = new Map(template.volumes.map((v) => [v.name, v]));
  const out: MountedFile[] = [];
  for (const container of [...template.initContainers, ...template.containers]) {
    for (const mount of container.volumeMounts ?? []) {
      const volume = volumes.get(mount.name);
      if (!volume || !mount.mountPath) continue;
      for (const source of volumeSources(volume)) {
        const { object, files } = entries(set, namespace, source);
        const base = { container: container.name, kind: source.kind, namespace, name: source.name, ...(object ? { object } : {}) };
        if (!files) {
          if (!mount.subPath) out.push({ ...base, path: mount.mountPath });
          continue;
        }
        for (const [key, file] of files) {
          if (mount.subPath && mount.subPath !== file) continue;
          out.push({ ...base, key, path: mount.subPath ? mount.mountPath : joinPath(mount.mountPath, file) });
        }
      }
    }
  }
  return out;
}

function joinPath(dir: string, file: string): string {
  return `${dir.replace(/\/+$/, "")}/${file}`;
}
