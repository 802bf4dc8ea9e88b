import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkUnique } from "../../helm/releases-config.js";
import type { ReleaseSet } from "../../helm/releases.js";
import { InputError, type InputProblem } from "../../model/input-error.js";
import { lastLines, runBounded } from "../../util/run-bounded.js";
import { offlineToolEnv } from "../offline-env.js";
import { helmfileBuild } from "./run-helmfile.js";
import { releasesOfState } from "./state-releases.js";
import { workingCopy } from "./working-copy.js";

export interface ReadHelmfileOptions {
  helmfile: string;
  helm: string;
  /** The folder copied around the helmfile (repository root), so relative paths out of it work. */
  treeRoot: string;
  shownDir: string;
  environment?: string;
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
  const copy = await workingCopy(dir, options.treeRoot);
  const home = await mkdtemp(join(tmpdir(), "kubegate-helmfile-home-"));
  try {
    const run = { helmfile: options.helmfile, helm: options.helm, shownDir: options.shownDir, rewrite: [[`${copy.dir}/`, ""], [copy.dir, options.shownDir], [copy.root, "."]] as Array<[string, string]>, home, ...(options.environment ? { environment: options.environment } : {}), ...(options.signal ? { signal: options.signal } : {}) };
    // Two builds: values embedded (what helm gets) and values as named (which file each came from).
    const [state, named, disabled] = await Promise.all([helmfileBuild(copy.dir, run), helmfileBuild(copy.dir, run, false), disabledReleases(copy.dir, run)]);
    const { releases, notes } = releasesOfState(state, { copyRoot: copy.root, treeRoot: options.treeRoot, dir, shownDir: options.shownDir, chartRepos: options.chartRepos, defaultNamespace: options.defaultNamespace, disabled }, named);
    const problems: InputProblem[] = [];
    checkUnique(releases, problems);
    if (problems.length > 0) throw new InputError(problems);
    const hookNotes = copy.skipped.map((h) => `skipped ${h.count} hook(s) at ${[options.shownDir, h.file].filter((p) => p && p !== ".").join("/")}:${h.line}${h.commands.length ? ` (would run: ${h.commands.join(", ")})` : ""}: kubegate never runs a repository's hooks`);
    return { set: { root: dir, shownRoot: options.shownDir, origin: "helmfile", releases }, notes: [...hookNotes, ...notes] };
  } finally {
    await copy.remove();
    await rm(home, { recursive: true, force: true });
  }
}

/**
 * `helmfile list --output json --skip-charts`: helmfile's own verdict on `condition:` and
 * `installed:`, which `build` does not apply. Reads state only (no charts, no hooks).
 */
async function disabledReleases(dir: string, run: { helmfile: string; helm: string; environment?: string; home: string; signal?: AbortSignal }): Promise<Set<string>> {
  const args = [...(run.environment ? ["--environment", run.environment] : []), "--helm-binary", run.helm, "--no-color", "list", "--output", "json", "--skip-charts"];
  const env = offlineToolEnv(run.home, { HELMFILE_DISABLE_INSECURE_FEATURES: "true", HELMFILE_DISABLE_HOOKS: "true" });
  const out = await runBounded(run.helmfile, args, { env, cwd: dir, ...(run.signal ? { signal: run.signal } : {}) });
  if (out.code !== 0) throw new Error(`helmfile list failed: ${lastLines(out.stderr, 3).join(" | ")}`);
  const json = out.stdout.slice(out.stdout.indexOf("["));
  const list = JSON.parse(json || "[]") as Array<{ name: string; namespace: string; enabled: boolean; installed: boolean }>;
  return new Set(list.filter((r) => !r.enabled || !r.installed).map((r) => `${r.namespace}/${r.name}`));
}
