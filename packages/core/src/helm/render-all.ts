import { appendAll } from "../util/append-all.js";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import yaml from "js-yaml";
import type { LocatedObject } from "../load/to-objects.js";
import type { InputProblem } from "../model/input-error.js";
import type { HelmBinary } from "./helm-binary.js";
import { renderRelease } from "./render-release.js";
import { describeRelease, type HelmContext, type Release, type ReleaseRender, type ReleaseSet, type SideRender, type ValuesChange } from "./releases.js";
import { changedKeys, lineOfKey } from "./values-diff.js";

export interface RenderAllOptions {
  helm: HelmBinary;
  kubeVersion: string;
  /** Renders at once (default os.availableParallelism()). */
  concurrency?: number;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Called after each render (progress). */
  onRendered?: (side: "base" | "head", render: SideRender) => void;
}

/** Runs `fn` over items with at most `limit` at once; results keep the items' order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

/** Every release of one tree, renders in parallel (bounded by cores); failures are outcomes. */
export async function renderAll(set: ReleaseSet, options: RenderAllOptions, side: "base" | "head" = "head"): Promise<SideRender[]> {
  return mapLimit(set.releases, options.concurrency ?? availableParallelism(), async (release) => {
    const render: SideRender = { release, outcome: await renderRelease(release, renderOptions(options)) };
    options.onRendered?.(side, render);
    return render;
  });
}

function renderOptions(options: RenderAllOptions) {
  return {
    helm: options.helm,
    kubeVersion: options.kubeVersion,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  };
}

export interface RenderedSides {
  /** Rendered objects to diff: a release that fails on head contributes nothing on either side. */
  base: LocatedObject[];
  head: LocatedObject[];
  helm: HelmContext;
  /** Releases that fail to render on both sides (nothing to compare): the caller's InputError. */
  problems: InputProblem[];
  seconds: number;
}

/**
 * Renders the releases of base and head (either may be absent: a plain-manifest side) in one pool
 * bounded by the cores, pairs them by release name, and works out which values files changed and
 * which releases read them. A release failing on one side only is left to the `helm-render-failed`
 * rule (a finding); failing on both sides is a problem for the caller, reported with every other
 * failing release at once.
 */
export async function renderSides(base: ReleaseSet | undefined, head: ReleaseSet | undefined, options: RenderAllOptions): Promise<RenderedSides> {
  const t0 = performance.now();
  const jobs: Array<{ side: "base" | "head"; release: Release }> = [
    ...(base?.releases ?? []).map((release) => ({ side: "base" as const, release })),
    ...(head?.releases ?? []).map((release) => ({ side: "head" as const, release })),
  ];
  const done = await mapLimit(jobs, options.concurrency ?? availableParallelism(), async ({ side, release }) => {
    const render: SideRender = { release, outcome: await renderRelease(release, renderOptions(options)) };
    options.onRendered?.(side, render);
    return { side, render };
  });
  // Helm identifies a release by namespace and name: `main` in two namespaces is two releases.
  const byId = new Map<string, ReleaseRender>();
  for (const { side, render } of done) {
    const id = `${render.release.namespace}/${render.release.name}`;
    const entry = byId.get(id) ?? { name: render.release.name, namespace: render.release.namespace };
    entry[side] = render;
    byId.set(id, entry);
  }
  const releases = [...byId.values()];
  const problems: InputProblem[] = [];
  const objects = { base: [] as LocatedObject[], head: [] as LocatedObject[] };
  for (const r of releases) {
    const b = r.base?.outcome;
    const h = r.head?.outcome;
    if (b && !b.ok && h && !h.ok) {
      problems.push({ ...r.head!.release.declaredIn, message: `${describeRelease(r.head!.release)} fails to render on base and head: ${h.error}${tailText(h.stderrTail, h.error)}` });
      continue;
    }
    if (b && !b.ok && !h) {
      problems.push({ ...r.base!.release.declaredIn, message: `${describeRelease(r.base!.release)} fails to render on base (and is gone on head): ${b.error}` });
      continue;
    }
    // Head failed: what head would deploy is unknown, so base's objects are not diffed either
    // (they would all read as deletions); helm-render-failed reports the release.
    if (h && !h.ok) continue;
    if (b?.ok) appendAll(objects.base, b.objects);
    if (h?.ok) appendAll(objects.head, h.objects);
  }
  const [valuesChanges, values, chartDefaults] = await Promise.all([valuesChangesOf(base, head), valuesBySide(base, head), chartDefaultsBySide(base, head)]);
  return {
    ...objects,
    helm: { releases, valuesChanges, values, chartDefaults },
    problems,
    seconds: Math.round(performance.now() - t0) / 1000,
  };
}

function tailText(tail: string[], error: string): string {
  const rest = tail.filter((l) => !l.includes(error));
  return rest.length ? ` (helm: ${rest.slice(-3).join(" | ")})` : "";
}

/** The parsed values of every values source of a tree, by key (files that fail to parse map to undefined). */
async function valuesOf(set: ReleaseSet | undefined): Promise<Map<string, { text?: string; value: unknown }>> {
  const out = new Map<string, { text?: string; value: unknown }>();
  for (const release of set?.releases ?? []) {
    for (const v of release.values) {
      if (out.has(v.key)) continue;
      if (v.kind === "inline") {
        out.set(v.key, { value: v.values });
        continue;
      }
      const text = existsSync(v.path) ? await readFile(v.path, "utf8") : "";
      let value: unknown;
      try {
        value = yaml.load(text) ?? {};
      } catch {
        value = undefined;
      }
      out.set(v.key, { text, value });
    }
  }
  return out;
}

async function chartDefaultsOf(set: ReleaseSet | undefined): Promise<Map<string, { text?: string; value: unknown }>> {
  const out = new Map<string, { text?: string; value: unknown }>();
  for (const release of set?.releases ?? []) {
    if (out.has(release.chartKey)) continue;
    const file = join(release.chart, "values.yaml");
    if (!existsSync(file)) continue;
    const text = await readFile(file, "utf8");
    let value: unknown;
    try {
      value = yaml.load(text) ?? {};
    } catch {
      value = undefined;
    }
    out.set(release.chartKey, { text, value });
  }
  return out;
}

async function valuesBySide(base: ReleaseSet | undefined, head: ReleaseSet | undefined): Promise<HelmContext["values"]> {
  const strip = (m: Map<string, { value: unknown }>): Map<string, unknown> => new Map([...m].map(([k, v]) => [k, v.value]));
  return { base: strip(await valuesOf(base)), head: strip(await valuesOf(head)) };
}

async function chartDefaultsBySide(base: ReleaseSet | undefined, head: ReleaseSet | undefined): Promise<HelmContext["chartDefaults"]> {
  const strip = (m: Map<string, { value: unknown }>): Map<string, unknown> => new Map([...m].map(([k, v]) => [k, v.value]));
  return { base: strip(await chartDefaultsOf(base)), head: strip(await chartDefaultsOf(head)) };
}

/**
 * Values sources whose content differs between base and head, with the releases that read them on
 * either side. A chart's own `values.yaml` counts too (every release of the chart reads it).
 */
async function valuesChangesOf(base: ReleaseSet | undefined, head: ReleaseSet | undefined): Promise<ValuesChange[]> {
  if (!base || !head) return [];
  const readers = new Map<string, { shown: string; releases: Set<string> }>();
  const note = (key: string, shown: string, release: string): void => {
    const entry = readers.get(key) ?? { shown, releases: new Set<string>() };
    entry.releases.add(release);
    readers.set(key, entry);
  };
  for (const set of [base, head]) {
    for (const r of set.releases) {
      for (const v of r.values) note(v.key, v.shown, r.name);
      note(`${r.chartKey}/values.yaml`, `${r.chartShown}/values.yaml`, r.name);
    }
  }
  // Prefer head's display path (what the reviewer has open).
  for (const r of head.releases) for (const v of r.values) readers.get(v.key)!.shown = v.shown;
  const [bv, hv, bc, hc] = await Promise.all([valuesOf(base), valuesOf(head), chartDefaultsOf(base), chartDefaultsOf(head)]);
  const lookup = (key: string, values: Map<string, { text?: string; value: unknown }>, charts: Map<string, { text?: string; value: unknown }>) =>
    values.get(key) ?? (key.endsWith("/values.yaml") ? charts.get(key.slice(0, -"/values.yaml".length)) : undefined);
  const out: ValuesChange[] = [];
  for (const [key, { shown, releases }] of readers) {
    const before = lookup(key, bv, bc);
    const after = lookup(key, hv, hc);
    if (!before || !after) continue; // a file only one side reads: the releases' own change, not a shared one
    if (before.text !== undefined && before.text === after.text) continue;
    const keys = changedKeys(before.value, after.value);
    if (keys.length === 0) continue;
    const line = after.text !== undefined ? lineOfKey(after.text, keys[0]!) : undefined;
    out.push({ key, shown, changedKeys: keys, ...(line ? { line } : {}), releases: [...releases].sort() });
  }
  return out.sort((a, b) => a.key.localeCompare(b.key));
}
