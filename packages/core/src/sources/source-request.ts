import type { LoadLimits } from "../load/limits.js";
import type { KubegateConfig } from "../config/config.js";
import type { HelmContext } from "../helm/releases.js";
import type { LocatedObject } from "../load/to-objects.js";
import type { Logger } from "../log/logger.js";
import type { SecretRegistry } from "../secrets/secret-registry.js";

/**
 * What a user points kubegate at, exactly as the CLI (`check`, `diff`, `gate`) and the Action accept it.
 * - `paths`: files, folders, "-" (stdin). A folder is read by what it holds: kubegate.yaml
 *   `releases:` (Helm releases), helmfile.yaml / helmfile.yaml.gotmpl / helmfile.d/ (helmfile),
 *   kustomization.yaml (kustomize), else its .yaml/.yml/.json files.
 * - `git-refs`: the same, read from a repository at two refs (head defaults to the working tree).
 * - `pulumi-preview`: `pulumi preview --json --show-sames` output, old states against new states.
 */
export type SourceRequest =
  | { kind: "paths"; base: string[]; head: string[]; /** folders each side's paths are relative to and shown from (default: cwd) */ roots?: { base: string; head: string } }
  | { kind: "git-refs"; baseRef: string; headRef?: string; /** folders inside the repository, default its root (or cwd) */ paths?: string[] }
  | { kind: "pulumi-preview"; file: string };

/** The `{ base, head }` shorthand for `{ kind: "paths", base, head }`. */
export type CheckInput = SourceRequest | { base: string[]; head: string[] };

export interface SourceOptions {
  /** Folder relative paths resolve against (default: process.cwd()). */
  cwd?: string;
  /** kubegate.yaml in effect: defaultNamespace, chartRepos. */
  config?: KubegateConfig;
  /** `--releases`: every folder must declare Helm releases. */
  requireReleases?: boolean;
  /** helmfile `--environment` (default: the helmfile's default). */
  environment?: string;
  /** helmfile `--state-values-set KEY=VALUE` entries (values a repository expects from its deploy hosts). */
  stateValues?: string[];
  /** Remote chart repositories mapped to local folders: `repo/chart` renders `<folder>/chart` (`--chart-repo`). */
  chartRepos?: Record<string, string>;
  kubeVersion?: string;
  maxFileBytes?: number;
  /** Depth, keys and documents limits of the loader (load/limits.ts; `--max-depth` and friends). */
  limits?: Partial<LoadLimits>;
  /** Receives what reading skipped and why (a FIFO inside a folder, ...). */
  note?: (message: string) => void;
  /** Standard input, for "-". */
  stdin?: () => Promise<string>;
  logger?: Logger;
  signal?: AbortSignal;
}

/** Where a set of objects came from, for the summary that opens every report. */
export interface SourceUnit {
  kind: "manifests" | "helm" | "helmfile" | "kustomize" | "pulumi-preview" | "stdin" | "flux" | "argocd";
  /** The folder or file as the user sees it. */
  path: string;
  side: "base" | "head";
  /** Helm releases rendered (helm, helmfile, GitOps HelmReleases and Applications). */
  releases?: number;
  /** GitOps: the cluster ("clusters/production", "in-cluster") and the units read in it. */
  cluster?: string;
  gitopsUnits?: number;
  environment?: string;
}

export interface ResolvedSources {
  base: LocatedObject[];
  head: LocatedObject[];
  /** Helm renders behind the objects (rules get them as ctx.helm). */
  helm?: HelmContext;
  /** Secret values already known (a Pulumi preview's). */
  secrets?: SecretRegistry;
  /** A platform tree's own kubegate.yaml (used when the caller has none). */
  treeConfig?: KubegateConfig;
  units: SourceUnit[];
  /** Things read around, never executed or fetched: skipped hooks, charts unavailable offline. */
  notes: string[];
  /**
   * A GitOps repository describing several clusters whose objects the change alters: each judged
   * on its own (check() merges the verdicts). When one cluster changes, base and head are its.
   */
  clusters?: ClusterSources[];
  /** One line: what was read ("rendered 14 releases in 2 environments and 3 kustomizations; ..."). */
  summary: string;
}

/** One cluster of a GitOps repository, both sides. */
export interface ClusterSources {
  name: string;
  base: LocatedObject[];
  head: LocatedObject[];
  helm?: HelmContext;
}
