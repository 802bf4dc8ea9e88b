import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { checkObjects, loadConfig, loadManifests, type CheckResult, type KubegateConfig } from "@kubegate/core";
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
export async function loadActionConfig(inputs: ActionInputs, workspace: string): Promise<KubegateConfig> {
  if (inputs.config) return loadConfig(resolve(workspace, inputs.config));
  const fallback = join(workspace, "kubegate.yaml");
  return existsSync(fallback) ? loadConfig(fallback) : {};
}

/** load -> check with @kubegate/core; file names in findings are relative to each side's root. */
export async function runCheck(inputs: ActionInputs, sides: Sides, workspace: string): Promise<CheckRun> {
  const config = await loadActionConfig(inputs, workspace);
  const base = await loadManifests(sides.base.paths, { cwd: sides.base.root });
  const head = await loadManifests(sides.head.paths, { cwd: sides.head.root });
  const result = checkObjects(base, head, { config, ...(inputs.kubeVersion ? { kubeVersion: inputs.kubeVersion } : {}), ...(inputs.gateOn ? { gateOn: inputs.gateOn } : {}) });
  return { result, config, failOn: inputs.failOn ?? config.failOn ?? "block" };
}
