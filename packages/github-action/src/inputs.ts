import * as core from "@actions/core";
import { isAbsolute, normalize } from "node:path";
import { STAGE_VALUES } from "./constants.js";

export type StageValue = (typeof STAGE_VALUES)[number];
/** A stage that runs the staged smoke test: the cluster provider's name, passed to core as is. */
export type StagedProvider = Exclude<StageValue, "off">;

/** The action's inputs, validated. Empty optional inputs are `undefined`, lists are `[]`. */
export interface ActionInputs {
  /** Manifest paths of the base side (files, folders); empty: compare git refs instead. */
  base: string[];
  head: string[];
  /** Git refs whose trees are checked out (git worktree) when base/head are empty. */
  baseRef?: string;
  headRef?: string;
  /** Manifest paths inside the repository, used in each ref's tree. */
  paths: string[];
  config?: string;
  kubeVersion?: string;
  /** off: the static check only; otherwise the provider of the staged smoke test. */
  stage: StageValue;
  /** Overrides kubegate.yaml's failOn when set. */
  failOn?: "block" | "warn";
  /** Overrides kubegate.yaml's gate: only what the change introduces decides, or everything. */
  gateOn?: "changes" | "everything";
  comment: boolean;
  sarif: boolean;
  token: string;
  /** Folders (in the repository) whose Helm releases render: kubegate.yaml `releases:` or a helmfile. */
  helmReleases: string[];
  /** A `pulumi preview --json --show-sames` file: both sides come from it. */
  pulumiPreview?: string;
  /** helmfile environment. */
  environment?: string;
  /** `NAME=PATH` chart repositories mapped to folders. */
  chartRepos: string[];
}

/** Every problem with the inputs at once, so a workflow is fixed in one round trip. */
export class InputsError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid inputs:\n${problems.map((p) => `- ${p}`).join("\n")}`);
    this.name = "InputsError";
  }
}

/** A feature the inputs ask for that this version of the action does not have: fails, never fakes. */
export class UnsupportedFeatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnsupportedFeatureError";
  }
}

export type InputGetter = (name: string) => string;

const defaultGetter: InputGetter = (name) => core.getInput(name);

/** Splits a multi-value input on newlines and commas. */
export function parseList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

const TRUE = ["true", "True", "TRUE"];
const FALSE = ["false", "False", "FALSE"];

export function readInputs(get: InputGetter = defaultGetter): ActionInputs {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const v = get(name).trim();
    return v === "" ? undefined : v;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const v = text(name);
    if (v === undefined) return fallback;
    if (TRUE.includes(v)) return true;
    if (FALSE.includes(v)) return false;
    problems.push(`${name}: "${v}" is not a boolean (use true or false)`);
    return fallback;
  };

  const base = parseList(get("base"));
  const head = parseList(get("head"));
  if ((base.length === 0) !== (head.length === 0)) {
    problems.push(`base and head go together: set both (manifest paths) or neither (compare git refs); got only ${base.length ? "base" : "head"}`);
  }

  const baseRef = text("base-ref");
  const headRef = text("head-ref");
  for (const [name, ref] of [["base-ref", baseRef], ["head-ref", headRef]] as const) {
    // Passed to git as one argument (no shell); a leading "-" would be read as an option.
    if (ref !== undefined && (ref.startsWith("-") || /[\s\x00-\x1f\x7f]/.test(ref))) {
      problems.push(`${name}: "${ref}" is not a git ref or commit (no leading "-", no spaces)`);
    }
  }
  if (base.length > 0 && (baseRef !== undefined || headRef !== undefined)) {
    problems.push("base/head (paths) and base-ref/head-ref (git refs) exclude each other: set one pair");
  }

  const pathsValue = text("paths") ?? ".";
  const paths = parseList(pathsValue);
  if (paths.length === 0) problems.push("paths: no path given");
  for (const p of paths) {
    if (isAbsolute(p) || normalize(p).split(/[\\/]/)[0] === "..") {
      problems.push(`paths: "${p}" must be relative and inside the repository`);
    }
  }

  const kubeVersion = text("kube-version");
  if (kubeVersion !== undefined && !/^v?1\.\d+(\.\d+)?$/.test(kubeVersion)) {
    problems.push(`kube-version: "${kubeVersion}" is not a Kubernetes version like 1.34`);
  }

  const stage = (text("stage") ?? "off") as StageValue;
  if (!STAGE_VALUES.includes(stage)) problems.push(`stage: "${stage}" is not one of ${STAGE_VALUES.join(", ")}`);

  const failOnValue = text("fail-on");
  if (failOnValue !== undefined && failOnValue !== "block" && failOnValue !== "warn") {
    problems.push(`fail-on: "${failOnValue}" is not block or warn`);
  }

  const gateOnValue = text("gate-on");
  if (gateOnValue !== undefined && gateOnValue !== "changes" && gateOnValue !== "everything") {
    problems.push(`gate-on: "${gateOnValue}" is not changes or everything`);
  }

  const comment = bool("comment", true);
  const sarif = bool("sarif", false);
  const helmReleases = parseList(get("helm-releases"));
  const pulumiPreview = text("pulumi-preview");
  for (const entry of parseList(get("chart-repos"))) if (!/^[^=]+=.+$/.test(entry)) problems.push(`chart-repos: "${entry}" is not NAME=PATH`);
  if (problems.length > 0) throw new InputsError(problems);

  if (pulumiPreview !== undefined && (base.length > 0 || baseRef !== undefined || headRef !== undefined || helmReleases.length > 0)) {
    throw new InputsError(["pulumi-preview takes both sides from the preview: leave base/head, base-ref/head-ref and helm-releases empty"]);
  }
  if (helmReleases.length > 0 && base.length > 0) {
    throw new InputsError(["helm-releases names folders read at base-ref and head-ref; with base/head (folders), point them at the platform trees instead"]);
  }

  return {
    base,
    head,
    ...(baseRef !== undefined ? { baseRef } : {}),
    ...(headRef !== undefined ? { headRef } : {}),
    paths,
    ...(text("config") !== undefined ? { config: text("config")! } : {}),
    helmReleases,
    ...(pulumiPreview !== undefined ? { pulumiPreview } : {}),
    ...(text("environment") !== undefined ? { environment: text("environment")! } : {}),
    chartRepos: parseList(get("chart-repos")),
    ...(kubeVersion !== undefined ? { kubeVersion } : {}),
    stage,
    ...(failOnValue !== undefined ? { failOn: failOnValue as "block" | "warn" } : {}),
    ...(gateOnValue !== undefined ? { gateOn: gateOnValue as "changes" | "everything" } : {}),
    comment,
    sarif,
    token: text("github-token") ?? "",
  };
}
