import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { check, loadConfig, type CheckResult, type KubegateConfig, type SourceRequest } from "@kubegate/core";
import { actionLogger } from "./action-logger.js";
import type { ActionInputs } from "./inputs.js";
import type { Sides } from "./resolve-sides.js";

export interface CheckRun {
  result: CheckResult;
  config: KubegateConfig;
  /** The decision that fails the job: the fail-on input, else kubegate.yaml's failOn, else block. */
  failOn: "block" | "warn";
}

/**
 * kubegate.yaml of the workspace (the `config` input, or kubegate.yaml at the repository root when
 * present). Protect it with CODEOWNERS: a pull request that edits it changes the gate.
 */
export async function loadActionConfig(inputs: ActionInputs, workspace: string): Promise<KubegateConfig | undefined> {
  if (inputs.config) return loadConfig(resolve(workspace, inputs.config));
  const fallback = join(workspace, "kubegate.yaml");
  return existsSync(fallback) ? loadConfig(fallback) : undefined;
}

/**
 * The check through @kubegate/core's one entry point, with exactly what the CLI accepts: manifests,
 * Helm releases, helmfiles, kustomizations (each side read in its own tree, file names relative to
 * it) or a Pulumi preview.
 */
export async function runCheck(inputs: ActionInputs, sides: Sides | undefined, workspace: string): Promise<CheckRun> {
  const config = await loadActionConfig(inputs, workspace);
  const request: SourceRequest = inputs.pulumiPreview
    ? { kind: "pulumi-preview", file: inputs.pulumiPreview }
    : { kind: "paths", base: sides!.base.paths, head: sides!.head.paths, roots: { base: sides!.base.root, head: sides!.head.root } };
  const result = await check(request, {
    cwd: workspace,
    logger: actionLogger(),
    ...(config ? { config } : {}),
    ...(inputs.kubeVersion ? { kubeVersion: inputs.kubeVersion } : {}),
    ...(inputs.gateOn ? { gateOn: inputs.gateOn } : {}),
    ...(inputs.helmReleases.length > 0 ? { requireReleases: true } : {}),
    ...(inputs.environment ? { environment: inputs.environment } : {}),
    ...(inputs.chartRepos.length > 0 ? { chartRepos: chartRepoMap(inputs.chartRepos, workspace) } : {}),
  });
  return { result, config: result.config, failOn: inputs.failOn ?? result.config.failOn ?? "block" };
}

function chartRepoMap(entries: string[], workspace: string): Record<string, string> {
  return Object.fromEntries(entries.map((e) => {
    const eq = e.indexOf("=");
    return [e.slice(0, eq), resolve(workspace, e.slice(eq + 1))];
  }));
}
