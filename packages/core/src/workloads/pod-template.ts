import type { KubeObject } from "../model/kube-object.js";

export interface Container {
  name: string;
  image?: string;
  args?: string[];
  command?: string[];
  env?: Array<{ name: string; value?: string }>;
  volumeMounts?: Array<{ name: string; mountPath: string; subPath?: string; readOnly?: boolean }>;
  ports?: Array<{ name?: string; containerPort: number; protocol?: string }>;
}

export interface Volume {
  name: string;
  persistentVolumeClaim?: { claimName: string };
  emptyDir?: unknown;
  configMap?: { name: string };
  secret?: { secretName: string };
  hostPath?: { path: string };
  ephemeral?: unknown;
  [source: string]: unknown;
}

export interface PodTemplate {
  labels: Record<string, string>;
  containers: Container[];
  initContainers: Container[];
  volumes: Volume[];
  /** StatefulSet volumeClaimTemplates: persistent by construction. */
  claimTemplates: string[];
}

const WORKLOAD_KINDS = new Set(["Deployment", "DaemonSet", "StatefulSet", "ReplicaSet", "Job", "CronJob", "Pod"]);

export function isWorkload(object: KubeObject): boolean {
  return WORKLOAD_KINDS.has(object.kind);
}

/** The pod template of any workload kind (CronJob's nested one, a bare Pod's own spec). */
export function podTemplate(object: KubeObject): PodTemplate | undefined {
  if (!isWorkload(object)) return undefined;
  const spec = (object.spec ?? {}) as Record<string, any>;
  const template = object.kind === "Pod" ? { metadata: object.metadata, spec } : object.kind === "CronJob" ? spec.jobTemplate?.spec?.template : spec.template;
  if (!template) return undefined;
  const podSpec = (template.spec ?? {}) as Record<string, any>;
  return {
    labels: (template.metadata?.labels ?? {}) as Record<string, string>,
    containers: (podSpec.containers ?? []) as Container[],
    initContainers: (podSpec.initContainers ?? []) as Container[],
    volumes: (podSpec.volumes ?? []) as Volume[],
    claimTemplates: ((spec.volumeClaimTemplates ?? []) as Array<{ metadata?: { name?: string } }>).map((t) => t.metadata?.name ?? ""),
  };
}

/** Splits `registry/repo/name:tag@digest` into name and tag. */
export function parseImage(image: string): { repository: string; tag?: string } {
  const noDigest = image.split("@")[0] ?? image;
  const lastSlash = noDigest.lastIndexOf("/");
  const colon = noDigest.lastIndexOf(":");
  if (colon > lastSlash) return { repository: noDigest.slice(0, colon), tag: noDigest.slice(colon + 1) };
  return { repository: noDigest };
}
