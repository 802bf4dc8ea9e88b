import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import yaml from "js-yaml";
import { parseSources } from "../../load/load-manifests.js";
import type { LocatedObject } from "../../load/to-objects.js";
import { InputError, formatProblem } from "../../model/input-error.js";
import { lastLines, runBounded } from "../../util/run-bounded.js";
import { offlineToolEnv } from "../offline-env.js";
import { applyOrigins } from "./origin-annotation.js";

export interface KustomizeBuildOptions {
  kustomize: string;
  /** helm for `helmCharts:` (kustomize's --enable-helm); without it such kustomizations fail. */
  helm?: string;
  /** The folder paths are shown relative to, and how it is shown ("" for the repository root). */
  root: string;
  shownRoot: string;
  /**
   * More of the wrapper kustomization (namespace, namePrefix, patches, images, components, ...):
   * what a Flux Kustomization or an Argo CD Application applies on top of the folder. Paths in it
   * (components) are relative to the folder built.
   */
  overlay?: Record<string, unknown>;
  signal?: AbortSignal;
}

/**
 * `kustomize build` of one kustomization folder, the way kustomize itself does it (overlays,
 * components, patches, generators, `helmCharts` with the pinned helm, the default root-only load
 * restrictor) but with exec and KRM function plugins off, no PATH and no network. The folder is
 * built through a one-line wrapper kustomization that asks for origin annotations, so each object
 * points at the file that declared it.
 */
export async function buildKustomization(dir: string, options: KustomizeBuildOptions): Promise<LocatedObject[]> {
  const shownDir = shownPath(options, dir);
  const work = await mkdtemp(join(tmpdir(), "kubegate-kustomize-"));
  try {
    const wrapper = join(work, "wrapper");
    await mkdir(wrapper);
    await writeFile(join(wrapper, "kustomization.yaml"), wrapperKustomization(wrapper, dir, options.overlay));
    const args = ["build", wrapper, "--load-restrictor", "LoadRestrictionsRootOnly", ...(options.helm ? ["--enable-helm", "--helm-command", options.helm] : [])];
    const run = await runBounded(options.kustomize, args, { env: offlineToolEnv(work), cwd: work, ...(options.signal ? { signal: options.signal } : {}) });
    if (run.code !== 0) throw await buildError(dir, shownDir, run.stderr, run.timedOut, [[wrapper, "."], [relative(wrapper, dir), shownDir], [dir, shownDir], [options.root, options.shownRoot || "."]]);
    let objects: LocatedObject[];
    try {
      objects = parseSources([{ file: `${shownDir}/kustomization.yaml`, text: run.stdout, format: "yaml" }]);
    } catch (error) {
      const detail = error instanceof InputError ? error.problems.map(formatProblem)[0] : String(error);
      throw new InputError([{ file: `${shownDir}/kustomization.yaml`, message: `kustomize build printed objects kubegate cannot read: ${detail}` }], { cause: error });
    }
    applyOrigins(objects, { buildDir: wrapper, root: options.root, shownRoot: options.shownRoot });
    return objects;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function wrapperKustomization(wrapper: string, dir: string, overlay: Record<string, unknown> = {}): string {
  const components = Array.isArray(overlay.components) ? { components: overlay.components.map((c) => relative(wrapper, resolve(dir, String(c)))) } : {};
  return yaml.dump({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", ...overlay, resources: [relative(wrapper, dir)], ...components, buildMetadata: ["originAnnotations"] });
}

function shownPath(options: { root: string; shownRoot: string }, abs: string): string {
  const rel = relative(options.root, abs).split("\\").join("/");
  return [options.shownRoot, rel].filter((p) => p && p !== ".").join("/") || ".";
}

/**
 * kustomize's error as an input problem on the kustomization: temporary folders are cut out of the
 * message, and the line is the one of the kustomization that names the file or folder the error
 * quotes (`accumulating resources from 'x.yaml'`), when there is one.
 */
async function buildError(dir: string, shownDir: string, stderr: string, timedOut: boolean, rewrites: Array<[string, string]>): Promise<InputError> {
  const tail = lastLines(stderr, 6);
  let message = timedOut ? "kustomize build timed out" : tail.find((l) => /^Error:/.test(l)) ?? tail.join(" | ") ?? "kustomize build failed";
  for (const [from, to] of rewrites) message = message.split(from).join(to);
  message = message.replace(/^Error:\s*/, "");
  const file = `${shownDir}/kustomization.yaml`;
  const quoted = [...message.matchAll(/'([^']+)'/g)].map((m) => m[1]!).filter((q) => !q.includes(" ") && q.replace(/[./]/g, "") !== "");
  let line: number | undefined;
  try {
    const lines = (await readFile(join(dir, "kustomization.yaml"), "utf8")).split("\n");
    for (const q of quoted) {
      const i = lines.findIndex((l) => l.includes(q.split("/").pop() ?? q));
      if (i >= 0) {
        line = i + 1;
        break;
      }
    }
  } catch {
    // kustomization.yml / Kustomization: no line
  }
  return new InputError([{ file, ...(line ? { line } : {}), message: `kustomize build failed: ${message}` }]);
}
