import { posix } from "node:path";
import { leaves, valueAt } from "../../helm/values-diff.js";
import type { HelmContext, Release } from "../../helm/releases.js";
import type { Manifest, ManifestSet } from "../../model/manifest.js";
import { describeRef } from "../../normalize/index.js";
import { podTemplate, type Container, type PodTemplate } from "../../workloads/index.js";
import { storageLocation, type MountBacking } from "../acme-storage-ephemeral/storage-volume.js";
import { defineRule, type ReportInput } from "../rule.js";

export default defineRule({
  meta: {
    id: "helm-values-conflict",
    severity: "high",
    summary: "Helm values that cancel each other in the rendered output: two volumes on one mount path, or a persistence setting another value makes ineffective.",
    incidents: ["002"],
    remediation:
      "Give every volume its own mountPath (move config files to /config, not the data directory), and keep the persistence path on the persistent volume: set persistence.enabled: true for data that must survive a restart, or point the data path elsewhere.",
  },
  check({ base, head, changes, helm, report }) {
    const changed = new Set(changes.filter((c) => c.head && c.op !== "delete").map((c) => c.key));
    const before = new Set(conflicts(base, undefined, "base").map((c) => c.id));
    for (const conflict of conflicts(head, helm, "head")) {
      // A conflict base already had, in a workload the change leaves alone, is not this change's doing.
      if (before.has(conflict.id) && !changed.has(conflict.manifest.key)) continue;
      report(conflict);
    }
  },
});

interface Conflict extends ReportInput {
  id: string;
}

/** The release's values sources on one side, in merge order, with their parsed content. */
interface ValuesLayer {
  shown: string;
  value: unknown;
}

function layers(helm: HelmContext | undefined, release: string | undefined, side: "base" | "head"): { release?: Release; layers: ValuesLayer[] } {
  const render = release ? helm?.releases.find((r) => r.name === release)?.[side] : undefined;
  if (!helm || !render) return { layers: [] };
  const r = render.release;
  const out: ValuesLayer[] = [];
  const defaults = helm.chartDefaults[side].get(r.chartKey);
  if (defaults !== undefined) out.push({ shown: `${r.chartShown}/values.yaml`, value: defaults });
  for (const v of r.values) out.push({ shown: v.shown, value: helm.values[side].get(v.key) });
  if (Object.keys(r.set).length > 0) out.push({ shown: "set", value: setToTree(r.set) });
  return { release: r, layers: out };
}

function setToTree(set: Record<string, unknown>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(set)) {
    const parts = key.split(".");
    let node = root;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]!] = value;
  }
  return root;
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Helm's coalescing: maps merge, anything else replaces, null deletes. */
function merge(layersList: ValuesLayer[]): unknown {
  const mergeTwo = (a: unknown, b: unknown): unknown => {
    if (!isMap(a) || !isMap(b)) return b === undefined ? a : b;
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) {
      if (v === null) delete out[k];
      else out[k] = mergeTwo(a[k], v);
    }
    return out;
  };
  return layersList.reduce<unknown>((acc, l) => mergeTwo(acc, l.value), {});
}

/** `key (file)` for every values leaf equal to one of `needles`, last layer first (the one that wins). */
function keysNaming(layersList: ValuesLayer[], needles: string[], limit = 4): string[] {
  const wanted = new Set(needles.flatMap((n) => [n, n.replace(/\/+$/, ""), `${n.replace(/\/+$/, "")}/`]));
  const out: string[] = [];
  for (const layer of [...layersList].reverse()) {
    for (const leaf of leaves(layer.value)) {
      if (typeof leaf.value === "string" && wanted.has(leaf.value) && leaf.key) out.push(`${leaf.key} (${layer.shown})`);
    }
  }
  return [...new Set(out)].slice(0, limit);
}

function where(m: Manifest): string {
  return [m.source.release ? `release ${m.source.release}` : undefined, `template ${m.source.helmSource ?? m.source.file}`].filter(Boolean).join(", ");
}

function conflicts(set: ManifestSet, helm: HelmContext | undefined, side: "base" | "head"): Conflict[] {
  const out: Conflict[] = [];
  for (const manifest of set.manifests) {
    // Rendered by Helm (a `# Source:` template): the conflict comes from values, which is what this rule explains.
    if (!manifest.source.helmSource) continue;
    const template = podTemplate(manifest.object);
    if (!template) continue;
    const values = layers(helm, manifest.source.release, side);
    for (const container of [...template.containers, ...template.initContainers]) {
      out.push(...duplicateMounts(manifest, template, container, values.layers));
      if (values.release) out.push(...ineffectivePersistence(manifest, template, container, values.layers));
    }
  }
  return out;
}

interface PersistenceSetting {
  /** "persistence" or "<x>.persistence" */
  prefix: string;
  enabled: boolean;
  /** The layer that sets `enabled` last. */
  from: string;
  path: string;
}

/** `<x>.persistence` maps of the merged values that have an `enabled` flag and an absolute path. */
function persistenceSettings(layersList: ValuesLayer[]): PersistenceSetting[] {
  const merged = merge(layersList);
  const out: PersistenceSetting[] = [];
  for (const leaf of leaves(merged)) {
    if (!/(^|\.)persistence\.enabled$/.test(leaf.key) || typeof leaf.value !== "boolean") continue;
    const prefix = leaf.key.slice(0, -".enabled".length);
    const path = [valueAt(merged, `${prefix}.path`), valueAt(merged, `${prefix}.mountPath`)].find((p): p is string => typeof p === "string" && p.startsWith("/"));
    if (path) out.push({ prefix, enabled: leaf.value, from: keysOf(layersList, leaf.key), path: posix.normalize(path).replace(/(.)\/+$/, "$1") });
  }
  return out;
}

function duplicateMounts(manifest: Manifest, template: PodTemplate, container: Container, layersList: ValuesLayer[]): Conflict[] {
  const byPath = new Map<string, Array<{ name: string; mountPath: string }>>();
  for (const m of container.volumeMounts ?? []) {
    const path = posix.normalize(m.mountPath).replace(/(.)\/+$/, "$1");
    byPath.set(path, [...(byPath.get(path) ?? []), m]);
  }
  const out: Conflict[] = [];
  for (const [path, mounts] of byPath) {
    if (mounts.length < 2) continue;
    const location = storageLocation(path, template, container);
    const volumes = location.mounts.map(describeBacking).join(", ");
    const keys = keysNaming(layersList, [path, ...mounts.map((m) => m.name)]);
    const ephemeral = location.mounts.filter((m) => m.persistent === false).map((m) => `"${m.volume}"`);
    const persistence = persistenceSettings(layersList).filter((p) => p.path === path).map((p) => `${p.prefix}.enabled=${p.enabled} (${p.from}) with ${p.prefix}.path ${p.path}`);
    out.push({
      id: `dup|${manifest.key}|${container.name}|${path}|${mounts.map((m) => m.name).sort().join(",")}`,
      manifest,
      message:
        `${describeRef(manifest.ref)} (${where(manifest)}): container "${container.name}" mounts ${mounts.length} volumes at ${path}: ${volumes}` +
        `${keys.length ? `; values involved: ${keys.join(", ")}` : ""}${persistence.length ? `; ${persistence.join(", ")}` : ""}. ` +
        `The API server rejects duplicate mountPaths, and where one gets through only one volume is visible at ${path}` +
        `${ephemeral.length ? ` (${ephemeral.join(", ")} ${ephemeral.length > 1 ? "are" : "is"} lost on every restart)` : ""}: data the chart means to keep there is not kept (incident 002)`,
    });
  }
  return out;
}

function describeBacking(m: MountBacking): string {
  return `"${m.volume}" (${m.type}${m.persistent ? ", persistent" : ""})`;
}

/**
 * `<x>.persistence` maps with an `enabled` flag and a path: persistence switched on whose path the
 * rendered pod mounts from a non-persistent volume, or switched off while the container writes
 * under that path (a flag or env var naming a file there, e.g. ACME storage).
 */
function ineffectivePersistence(manifest: Manifest, template: PodTemplate, container: Container, layersList: ValuesLayer[]): Conflict[] {
  const out: Conflict[] = [];
  for (const p of persistenceSettings(layersList)) {
    const location = storageLocation(p.path, template, container);
    // Several volumes on the path: duplicateMounts reports it, naming this setting too.
    if (location.conflict) continue;
    const involved = keysNaming(layersList, [p.path]);
    const keys = involved.length ? `; values involved: ${involved.join(", ")}` : "";
    if (p.enabled) {
      if (location.persistent !== false || location.mounts.length === 0) continue;
      out.push({
        id: `on|${manifest.key}|${container.name}|${p.prefix}|${p.path}`,
        manifest,
        message:
          `${describeRef(manifest.ref)} (${where(manifest)}): ${p.prefix}.enabled=true (${p.from}) but ${p.path} (${p.prefix}.path) is mounted from ${location.mounts.map(describeBacking).join(", ")} in container "${container.name}"${keys}: ` +
          `another value makes the persistence ineffective and data written there is lost on every restart (incident 002)`,
      });
      continue;
    }
    const writes = filesUnder(container, p.path);
    if (writes.length === 0 || location.persistent === true) continue;
    const backing = location.mounts.length ? `mounted from ${location.mounts.map(describeBacking).join(", ")}` : "the container's own filesystem";
    out.push({
      id: `off|${manifest.key}|${container.name}|${p.prefix}|${p.path}`,
      manifest,
      message:
        `${describeRef(manifest.ref)} (${where(manifest)}): ${p.prefix}.enabled=false (${p.from}) while container "${container.name}" keeps ${writes.join(", ")} under ${p.prefix}.path ${p.path}, ${backing}${keys}: ` +
        `the files are lost on every restart (for ACME storage: certificates are requested again until Let's Encrypt's rate limit refuses them, incident 002)`,
    });
  }
  return out;
}

/** Which layer sets a key last (the value that wins). */
function keysOf(layersList: ValuesLayer[], key: string): string {
  const layer = [...layersList].reverse().find((l) => valueAt(l.value, key) !== undefined);
  return layer ? layer.shown : "chart default";
}

/** Files under `dir` that the container's flags or env vars name: what it means to keep there. */
function filesUnder(container: Container, dir: string): string[] {
  const base = dir.replace(/\/+$/, "");
  const words = [...(container.command ?? []), ...(container.args ?? []), ...(container.env ?? []).map((e) => e.value ?? "")];
  const out = new Set<string>();
  for (const word of words) {
    for (const m of word.matchAll(/(?:^|[=\s:,"'])(\/[^\s"',;]+)/g)) {
      const p = posix.normalize(m[1]!);
      if (p.startsWith(`${base}/`) && p !== `${base}/`) out.add(p);
    }
  }
  return [...out];
}
