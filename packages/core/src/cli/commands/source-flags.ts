import { existsSync } from "node:fs";
import type { KubegateConfig } from "../../config/config.js";
import { loadConfig } from "../../config/load-config.js";
import type { CheckOptions } from "../../check/check.js";
import type { Logger } from "../../log/logger.js";
import type { SourceRequest } from "../../sources/source-request.js";
import { requireList } from "../args.js";
import { UsageError, type CliIo } from "../io.js";
import { LIMIT_FLAG_OPTIONS, readOptions, validateInputFlags } from "../input-flags.js";

/** The flags that say what to compare, shared by `check`, `diff` and `gate`. */
export const SOURCE_FLAGS = {
  base: { type: "string", multiple: true },
  head: { type: "string", multiple: true },
  config: { type: "string" },
  "kube-version": { type: "string" },
  ...LIMIT_FLAG_OPTIONS,
  "base-ref": { type: "string" },
  "head-ref": { type: "string" },
  releases: { type: "boolean" },
  "pulumi-preview": { type: "string" },
  environment: { type: "string" },
  "state-values-set": { type: "string", multiple: true },
  "chart-repo": { type: "string", multiple: true },
} as const;

export const SOURCE_USAGE = `  Limits (exit 2 when exceeded): --max-file-size <MiB> (64), --max-depth <n> (100), --max-keys <n>
  (20000), --max-documents <n> (1000000).
  <path> is a file, a folder or - for stdin; repeat to add more. A folder is read by what it holds:
  kubegate.yaml \`releases:\` (Helm releases), helmfile.yaml / helmfile.yaml.gotmpl / helmfile.d/
  (rendered with helmfile and helm, offline, hooks never run), kustomization.yaml (kustomize build;
  kustomizations deeper in a folder are built too), else its .yaml/.yml/.json files.
  --environment NAME: the helmfile environment (default: the helmfile's default).
  --state-values-set KEY=VALUE (repeatable): a helmfile state value (helmfile's own flag), for
  values a repository expects from its deploy hosts.
  --chart-repo NAME=PATH (repeatable): charts of repository NAME are the folders under PATH.`;

/** The request the flags make: a Pulumi preview, two git refs, or base/head paths. */
export function sourceRequest(values: Record<string, unknown>): SourceRequest {
  const refs = values["base-ref"] !== undefined || values["head-ref"] !== undefined;
  if (values["pulumi-preview"] !== undefined) {
    if (values.base !== undefined || values.head !== undefined || refs) throw new UsageError("--pulumi-preview takes both sides from the preview: drop --base/--head/--base-ref/--head-ref");
    return { kind: "pulumi-preview", file: values["pulumi-preview"] as string };
  }
  if (refs) {
    if (values.base !== undefined || values.head !== undefined) throw new UsageError("--base-ref/--head-ref read the tree at each ref: drop --base/--head");
    const baseRef = values["base-ref"];
    if (typeof baseRef !== "string" || baseRef === "") throw new UsageError("--base-ref <ref> is required with --head-ref");
    return { kind: "git-refs", baseRef, ...(typeof values["head-ref"] === "string" ? { headRef: values["head-ref"] } : {}) };
  }
  return { kind: "paths", base: requireList(values, "base"), head: requireList(values, "head") };
}

/** kubegate.yaml (--config, else ./kubegate.yaml) and the check options the flags set. */
export async function sourceOptions(values: Record<string, unknown>, io: CliIo, logger: Logger): Promise<{ config: KubegateConfig; options: CheckOptions }> {
  await validateInputFlags(values, io);
  const config = await loadConfig(values.config as string | undefined);
  // Without --config and ./kubegate.yaml, a platform tree's own kubegate.yaml tunes the rules.
  const explicitConfig = values.config !== undefined || existsSync("kubegate.yaml");
  const read = readOptions(values, io);
  const options: CheckOptions = {
    cwd: io.cwd,
    logger,
    ...(explicitConfig ? { config } : {}),
    ...(values["kube-version"] ? { kubeVersion: values["kube-version"] as string } : {}),
    ...(read.maxFileBytes !== undefined ? { maxFileBytes: read.maxFileBytes } : {}),
    limits: read.limits,
    note: read.note,
    ...(io.readStdin ? { stdin: io.readStdin } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
    ...(values.releases === true ? { requireReleases: true } : {}),
    ...(typeof values.environment === "string" ? { environment: values.environment } : {}),
    ...(values["state-values-set"] ? { stateValues: keyValues("--state-values-set", values["state-values-set"] as string[]) } : {}),
    ...(values["chart-repo"] ? { chartRepos: chartRepos(values["chart-repo"] as string[]) } : {}),
  };
  return { config, options };
}

/** `--chart-repo NAME=PATH` (repeatable) -> { NAME: PATH }. */
export function chartRepos(flags: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const flag of flags) {
    const eq = flag.indexOf("=");
    if (eq <= 0 || eq === flag.length - 1) throw new UsageError(`--chart-repo ${flag}: expected NAME=PATH`);
    out[flag.slice(0, eq)] = flag.slice(eq + 1);
  }
  return out;
}

/** `FLAG KEY=VALUE` (repeatable) -> ["KEY=VALUE", ...], each checked for its `=`. */
function keyValues(flag: string, entries: string[]): string[] {
  for (const entry of entries) if (entry.indexOf("=") <= 0) throw new UsageError(`${flag} ${entry.split("=")[0]}: expected KEY=VALUE`);
  return entries;
}
