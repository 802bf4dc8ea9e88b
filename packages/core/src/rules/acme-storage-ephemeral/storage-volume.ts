import { posix } from "node:path";
import type { Container, PodTemplate, Volume } from "../../workloads/index.js";

/** What holds one mount point, and whether data written there survives a pod restart. */
export interface MountBacking {
  volume: string;
  mountPath: string;
  /** "persistentVolumeClaim", "emptyDir", "configMap", "volumeClaimTemplate", ... */
  type: string;
  /** undefined when the pod names a volume it does not define (the API server rejects that). */
  persistent: boolean | undefined;
}

export interface StorageLocation {
  /** Absolute path of the file inside the container. */
  path: string;
  /** The mounts at the longest mountPath covering `path`; empty = the container's own filesystem. */
  mounts: MountBacking[];
  /** Two or more volumes claim the same mountPath (the "conflicting values" of incident 002). */
  conflict: boolean;
  /** True only when every backing is persistent storage. */
  persistent: boolean | undefined;
}

/** Volume sources that outlive the pod: claims and in-tree network disks/filesystems. */
const PERSISTENT_SOURCES = new Set([
  "persistentVolumeClaim", "nfs", "awsElasticBlockStore", "gcePersistentDisk", "azureDisk", "azureFile", "cephfs", "rbd",
  "iscsi", "glusterfs", "cinder", "fc", "portworxVolume", "vsphereVolume", "quobyte", "storageos", "scaleIO", "flocker", "photonPersistentDisk",
]);

/** Resolves `path` (relative paths against the working dir) to the volumes mounted over it. */
export function storageLocation(storage: string, template: PodTemplate, container: Container & { workingDir?: string }): StorageLocation {
  const path = posix.resolve(container.workingDir ?? "/", storage);
  const covering = (container.volumeMounts ?? []).filter((m) => covers(m.mountPath, path));
  const longest = Math.max(-1, ...covering.map((m) => trimSlash(m.mountPath).length));
  const mounts = covering.filter((m) => trimSlash(m.mountPath).length === longest).map((m) => backing(m.name, m.mountPath, template));
  const persistent = mounts.length === 0 ? false : mounts.some((m) => m.persistent === false) ? false : mounts.every((m) => m.persistent) ? true : undefined;
  return { path, mounts, conflict: mounts.length > 1, persistent };
}

function backing(volumeName: string, mountPath: string, template: PodTemplate): MountBacking {
  if (template.claimTemplates.includes(volumeName)) return { volume: volumeName, mountPath, type: "volumeClaimTemplate", persistent: true };
  const volume = template.volumes.find((v) => v.name === volumeName);
  if (!volume) return { volume: volumeName, mountPath, type: "undefined volume", persistent: undefined };
  const type = sourceType(volume);
  return { volume: volumeName, mountPath, type, persistent: PERSISTENT_SOURCES.has(type) };
}

/** A csi volume inline in the pod is ephemeral; everything not listed as persistent is too (emptyDir, configMap, secret, hostPath, ...). */
function sourceType(volume: Volume): string {
  return Object.keys(volume).find((k) => k !== "name") ?? "emptyDir";
}

function covers(mountPath: string, path: string): boolean {
  const mount = trimSlash(posix.normalize(mountPath));
  return mount === "" || path === mount || path.startsWith(`${mount}/`);
}

function trimSlash(p: string): string {
  return p.replace(/\/+$/, "");
}
