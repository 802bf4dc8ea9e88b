import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import yaml from "js-yaml";
import { parseSources } from "../load/load-manifests.js";
import type { LocatedObject } from "../load/to-objects.js";
import { InputError, formatProblem } from "../model/input-error.js";
import { ScopeIndex } from "../normalize/scope.js";
import { isolatedHelmEnv, kubeVersionFlag, type HelmBinary } from "./helm-binary.js";
import type { Release, RenderOutcome } from "./releases.js";
import { TemplateLines } from "./template-line.js";
import { credentialValuesIn } from "../secrets/secret-leaves.js";
import { SecretRegistry } from "../secrets/secret-registry.js";
import { lastLines, runBounded, type BoundedRun } from "../util/run-bounded.js";

export interface RenderOptions {
  helm: HelmBinary;
  /** Target Kubernetes version ("1.34"): always passed as `--kube-version`. */
  kubeVersion: string;
  signal?: AbortSignal;
  /** Per-render limit (default 120 s). */
  timeoutMs?: number;
  /** Lines of helm's stderr kept for messages (default 8). */
  stderrLines?: number;
}

/** The argument list of one render (exported for tests and for `--verbose` style logging). */
export function helmTemplateArgs(release: Release, kubeVersion: string, valuesFiles: string[]): string[] {
  return [
    "template", release.name, release.chart,
    "--namespace", release.namespace,
    "--include-crds",
    "--skip-tests",
    "--kube-version", kubeVersionFlag(kubeVersion),
    ...valuesFiles.flatMap((f) => ["-f", f]),
    // --set-json keeps types (numbers, booleans, lists) and needs no escaping of commas or dots in values.
    ...Object.entries(release.set).flatMap(([key, value]) => ["--set-json", `${key}=${JSON.stringify(value)}`]),
  ];
}

/**
 * `helm template` of one release, offline (chart dependencies must be vendored in `charts/`),
 * parsed with the core loader so every object keeps its `# Source:` template. Objects get
 * `source.release` = the release and `source.file` = the template's path in the repository; objects
 * without a namespace get the release's (as `helm install -n` would). A failure is an outcome, not
 * an exception, so one broken release never hides the others.
 */
export async function renderRelease(release: Release, options: RenderOptions): Promise<RenderOutcome> {
  const t0 = performance.now();
  const seconds = (): number => Math.round(performance.now() - t0) / 1000;
  const inline = release.values.filter((v) => v.kind === "inline");
  const tmp = inline.length > 0 ? await mkdtemp(join(tmpdir(), "kubegate-values-")) : undefined;
  try {
    const files: string[] = [];
    for (const [i, v] of release.values.entries()) {
      if (v.kind === "file") files.push(v.path);
      else {
        const file = join(tmp!, `inline-${i}.yaml`);
        await writeFile(file, yaml.dump(v.values));
        files.push(file);
      }
    }
    const run = await runHelm(options.helm.path, helmTemplateArgs(release, options.kubeVersion, files), options);
    if (run.code !== 0) {
      // A template's `fail`/`required` message can quote values (a password): redact the release's credentials.
      const secrets = await releaseSecrets(release);
      const tail = lastLines(run.stderr, options.stderrLines ?? 8).map((l) => secrets.redact(l));
      const error = tail.find((l) => /^Error:/.test(l)) ?? (run.timedOut ? `helm template timed out after ${(options.timeoutMs ?? 120_000) / 1000}s` : tail[tail.length - 1] ?? `helm exited with code ${run.code}`);
      return { ok: false, error: error.replace(/^Error:\s*/, ""), stderrTail: tail, seconds: seconds() };
    }
    try {
      return { ok: true, objects: locate(release, run.stdout), seconds: seconds() };
    } catch (error) {
      const detail = error instanceof InputError ? error.problems.map(formatProblem).slice(0, 5) : [String(error)];
      return { ok: false, error: `helm's output is not valid Kubernetes YAML: ${detail[0] ?? ""}`, stderrTail: detail, seconds: seconds() };
    }
  } finally {
    if (tmp) await rm(tmp, { recursive: true, force: true });
  }
}

/** Credentials among a release's values: its values files, inline values, --set-json values and the chart's defaults. */
async function releaseSecrets(release: Release): Promise<SecretRegistry> {
  const secrets = new SecretRegistry();
  const trees: unknown[] = [release.set];
  const files = [...release.values.flatMap((v) => (v.kind === "file" ? [v.path] : [])), join(release.chart, "values.yaml")];
  for (const v of release.values) if (v.kind === "inline") trees.push(v.values);
  for (const file of files) {
    try {
      trees.push(yaml.load(await readFile(file, "utf8")));
    } catch {
      // Unreadable or not YAML: helm's own error says so, and there is nothing to redact from it.
    }
  }
  for (const tree of trees) secrets.addAll(credentialValuesIn(tree));
  return secrets;
}

function locate(release: Release, text: string): LocatedObject[] {
  const objects = parseSources([{ file: `helm template ${release.name}`, text, format: "yaml" }]);
  const scope = new ScopeIndex().addCrds(objects.map((o) => o.object));
  const lines = new TemplateLines(release.chart);
  for (const o of objects) {
    if (!o.object.metadata.namespace && !scope.isClusterScoped(o.object.apiVersion, o.object.kind)) o.object.metadata.namespace = release.namespace;
    o.source = { ...o.source, file: templatePath(release, o.source.helmSource), line: lines.next(o.source.helmSource, o.object.kind), release: release.name };
  }
  return objects;
}

/**
 * `# Source: mediawiki/templates/ingress.yaml` of a release of `charts/mediawiki` ->
 * `charts/mediawiki/templates/ingress.yaml` (subcharts: `charts/mediawiki/charts/sub/templates/...`).
 * A packaged chart has no file to point at: `charts/mediawiki-1.0.0.tgz#mediawiki/templates/...`.
 */
export function templatePath(release: Release, helmSource: string | undefined): string {
  if (!helmSource) return release.chartShown;
  if (/\.(tgz|tar\.gz)$/.test(release.chart)) return `${release.chartShown}#${helmSource}`;
  const rest = helmSource.split("/").slice(1).join("/");
  return rest ? `${release.chartShown}/${rest}` : release.chartShown;
}

function runHelm(path: string, args: string[], options: RenderOptions): Promise<BoundedRun> {
  return runBounded(path, args, { env: isolatedHelmEnv(process.env), ...(options.signal ? { signal: options.signal } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
}
