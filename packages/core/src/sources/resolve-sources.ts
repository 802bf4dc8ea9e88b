import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { withGitRefs } from "../helm/git-refs.js";
import { silentLogger } from "../log/logger.js";
import { InputError } from "../model/input-error.js";
import { readPreviewSource } from "./pulumi-source.js";
import { readSide, type SideRead } from "./read-side.js";
import { renderReleases } from "./render-releases.js";
import type { CheckInput, ResolvedSources, SourceOptions, SourceRequest } from "./source-request.js";
import { sourceSummary } from "./summary.js";
import { combineClusters } from "./gitops/combine-clusters.js";

/**
 * THE input layer: what a user points at (files, folders, stdin, Helm trees, helmfiles,
 * kustomizations, a repository at two git refs, a Pulumi preview) -> base and head objects with
 * provenance (file, line, release, template). The CLI, the Action, `check()` and `gate()` all
 * come through here. Nothing a repository names is executed; nothing is downloaded.
 */
export async function resolveSources(input: CheckInput, options: SourceOptions = {}): Promise<ResolvedSources> {
  const request = toRequest(input);
  const cwd = options.cwd ?? process.cwd();
  const logger = options.logger ?? silentLogger;
  const ctx = { ...options, cwd, logger };
  if (request.kind === "pulumi-preview") return readPreviewSource(request.file, ctx);
  if (request.kind === "paths") {
    const sides: SideRead[] = [];
    try {
      sides.push(await readSide(request.base, { ...ctx, side: "base", ...(request.roots ? { cwd: request.roots.base } : {}) }));
      sides.push(await readSide(request.head, { ...ctx, side: "head", ...(request.roots ? { cwd: request.roots.head } : {}) }));
      return await combine(sides[0]!, sides[1]!, ctx);
    } finally {
      await cleanUp(sides);
    }
  }
  const refs = request.headRef ? [request.baseRef, request.headRef] : [request.baseRef];
  return withGitRefs(cwd, refs, async (trees) => {
    const paths = request.paths && request.paths.length > 0 ? request.paths : ["."];
    const side = async (dir: string, name: "base" | "head"): Promise<SideRead> =>
      readSide(paths.filter((p) => existsIn(dir, p)), { ...ctx, cwd: dir, side: name, shownCwd: "" });
    const sides: SideRead[] = [];
    try {
      sides.push(await side(trees[0]!.dir, "base"));
      sides.push(await side(trees[1]?.dir ?? cwd, "head"));
      const [base, head] = sides as [SideRead, SideRead];
      const labels = { base: request.baseRef, head: request.headRef ?? "the working tree" };
      if (base.units.length + head.units.length === 0) throw new InputError([{ file: cwd, message: `nothing to read at ${labels.base} nor ${labels.head}: ${paths.join(", ")} exist(s) at neither` }]);
      return await combine(base, head, ctx, labels);
    } finally {
      await cleanUp(sides);
    }
  });
}

export function toRequest(input: CheckInput): SourceRequest {
  return "kind" in input ? input : { kind: "paths", base: input.base, head: input.head };
}

async function combine(base: SideRead, head: SideRead, ctx: SourceOptions & { logger: typeof silentLogger }, refs?: { base: string; head: string }): Promise<ResolvedSources> {
  const labels = refs ?? { base: "base", head: "head" };
  const units = [...base.units, ...head.units];
  const notes = [...base.notes, ...head.notes];
  for (const note of notes) ctx.logger.warn(note);
  const treeConfig = head.config ?? base.config;
  const result: ResolvedSources = { base: base.objects, head: head.objects, units, notes, summary: "", ...(treeConfig ? { treeConfig } : {}) };
  if (base.clusters || head.clusters) {
    const kubeVersion = ctx.kubeVersion ?? ctx.config?.kubeVersion ?? treeConfig?.kubeVersion;
    const outcome = await combineClusters(base.clusters ?? [], head.clusters ?? [], { logger: ctx.logger, labels, ...(kubeVersion ? { kubeVersion } : {}), ...(ctx.signal ? { signal: ctx.signal } : {}) });
    const only = outcome.changed.length === 1 ? outcome.changed[0]! : undefined;
    if (only) {
      result.base = [...result.base, ...only.base];
      result.head = [...result.head, ...only.head];
      if (only.helm) result.helm = only.helm;
    } else if (outcome.changed.length > 1) result.clusters = outcome.changed;
    for (const line of new Set(outcome.unrendered)) {
      ctx.logger.warn(line);
      result.notes.push(line);
    }
    const judged = outcome.changed.map((c) => c.name);
    result.notes.push(`clusters: ${judged.length ? `judged ${judged.join(", ")}` : "no cluster's objects change"}${outcome.unchanged.length ? `; unchanged: ${outcome.unchanged.join(", ")}` : ""}`);
  }
  if (base.releases || head.releases) {
    const kubeVersion = ctx.kubeVersion ?? ctx.config?.kubeVersion ?? treeConfig?.kubeVersion;
    const rendered = await renderReleases(base.releases, head.releases, { logger: ctx.logger, labels, ...(kubeVersion ? { kubeVersion } : {}), ...(ctx.signal ? { signal: ctx.signal } : {}) });
    result.base = [...result.base, ...rendered.base];
    result.head = [...result.head, ...rendered.head];
    result.helm = rendered.helm;
  }
  result.summary = `${sourceSummary(units, notes)}${refs ? ` (${refs.base} -> ${refs.head})` : ""}`;
  return result;
}

async function cleanUp(sides: SideRead[]): Promise<void> {
  for (const side of sides) for (const cleanup of side.cleanups) await cleanup().catch(() => undefined);
}

function existsIn(dir: string, path: string): boolean {
  return path === "-" || existsSync(resolve(dir, path));
}
