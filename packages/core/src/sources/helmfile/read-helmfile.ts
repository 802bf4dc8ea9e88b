import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkUnique } from "../../helm/releases-config.js";
import type { ReleaseSet } from "../../helm/releases.js";
import { InputError, type InputProblem } from "../../model/input-error.js";
import { lastLines, runBounded } from "../../util/run-bounded.js";
import { offlineToolEnv } from "../offline-env.js";
import { globalArgs, helmfileBuild, withoutTemplateSource } from "./run-helmfile.js";
import { releasesOfState } from "./state-releases.js";
import { workingCopy } from "./working-copy.js";

export interface ReadHelmfileOptions {
  helmfile: string;
  helm: string;
  /** The folder copied around the helmfile (repository root), so relative paths out of it work. */
  treeRoot: string;
  shownDir: string;
  environment?: string;
  stateValues?: string[];
  chartRepos: Record<string, string>;
  defaultNamespace: string;
  signal?: AbortSignal;
}

export interface HelmfileReleases {
  set: ReleaseSet;
  /** Skipped hooks, charts unavailable offline, secrets not decrypted. */
  notes: string[];
}

/** The releases a helmfile folder declares, rendered by helmfile itself, ready for `helm template`. */
export async function readHelmfile(dir: string, options: ReadHelmfileOptions): Promise<HelmfileReleases> {
  try {
    return await readOnce(dir, options, false);
  } catch (error) {
    // A repository written for helmfile v0 (templates in helmfile.yaml): read it as v0 did.
    if (!(error instanceof InputError) || !/Started seeing this since Helmfile v1\?/.test(error.message)) throw error;
    return readOnce(dir, options, true);
  }
}

async function readOnce(dir: string, options: ReadHelmfileOptions, legacyTemplates: boolean): Promise<HelmfileReleases> {
  const copy = await workingCopy(dir, options.treeRoot, { legacyTemplates });
  const home = await mkdtemp(join(tmpdir(), "kubegate-helmfile-home-"));
  try {
    const run = { helmfile: options.helmfile, helm: options.helm, shownDir: options.shownDir, rewrite: [[`${copy.dir}/`, ""], [copy.dir, options.shownDir], [copy.root, "."]] as Array<[string, string]>, home, ...(options.environment ? { environment: options.environment } : {}), ...(options.stateValues ? { stateValues: options.stateValues } : {}), ...(options.signal ? { signal: options.signal } : {}) };
    // Two builds: values embedded (what helm gets) and values as named (which file each came from).
    const [state, named, disabled] = await Promise.all([helmfileBuild(copy.dir, run), helmfileBuild(copy.dir, run, false), disabledReleases(copy.dir, run)]);
    const { releases, notes } = releasesOfState(state, { copyRoot: copy.root, treeRoot: copy.source, dir, shownDir: options.shownDir, chartRepos: options.chartRepos, defaultNamespace: options.defaultNamespace, disabled }, named);
    const problems: InputProblem[] = [];
    checkUnique(releases, problems);
    if (problems.length > 0) throw new InputError(problems);
    const hookNotes = copy.skipped.map((h) => `skipped ${h.count} hook(s) at ${[options.shownDir, h.file].filter((p) => p && p !== ".").join("/")}:${h.line}${h.commands.length ? ` (would run: ${h.commands.join(", ")})` : ""}: kubegate never runs a repository's hooks`);
    const legacyNotes = copy.templated.length > 0 ? [`read ${copy.templated.length} state file(s) as helmfile v0 templates (${copy.templated.join(", ")}): helmfile v1 templates only *.gotmpl files; rename them to keep working with helmfile v1`] : [];
    return { set: { root: dir, shownRoot: options.shownDir, origin: "helmfile", releases }, notes: [...hookNotes, ...legacyNotes, ...notes] };
  } finally {
    await copy.remove();
    await rm(home, { recursive: true, force: true });
  }
}

/**
 * `helmfile list --output json --skip-charts`: helmfile's own verdict on `condition:` and
 * `installed:`, which `build` does not apply. Reads state only (no charts, no hooks).
 */
async function disabledReleases(dir: string, run: { helmfile: string; helm: string; environment?: string; stateValues?: string[]; home: string; shownDir: string; rewrite: Array<[string, string]>; signal?: AbortSignal }): Promise<Set<string>> {
  const args = [...globalArgs(run), "--helm-binary", run.helm, "--no-color", "list", "--output", "json", "--skip-charts"];
  const env = offlineToolEnv(run.home, { HELMFILE_DISABLE_INSECURE_FEATURES: "true", HELMFILE_DISABLE_HOOKS: "true" });
  const out = await runBounded(run.helmfile, args, { env, cwd: dir, ...(run.signal ? { signal: run.signal } : {}) });
  if (out.code !== 0) {
    // The same state build fails the same way: an input problem, temp folders shown as the user's.
    let text = lastLines(out.stderr, 3).join(" | ");
    for (const [from, to] of run.rewrite) text = text.split(from).join(to);
    throw new InputError([{ file: run.shownDir, message: `helmfile list failed: ${withoutTemplateSource(text.replace(/\s+/g, " ").trim())}` }]);
  }
  const json = out.stdout.slice(out.stdout.indexOf("["));
  const list = JSON.parse(json || "[]") as Array<{ name: string; namespace: string; enabled: boolean; installed: boolean }>;
  return new Set(list.filter((r) => !r.enabled || !r.installed).map((r) => `${r.namespace}/${r.name}`));
}
