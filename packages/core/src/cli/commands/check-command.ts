import { existsSync } from "node:fs";
import { check, checkObjects, type CheckResult } from "../../check/check.js";
import type { KubegateConfig } from "../../config/config.js";
import { loadConfig } from "../../config/load-config.js";
import { loadAndRender, platformTree, resolveSide, type SideInput } from "../../helm/check-releases.js";
import { withGitRefs } from "../../helm/git-refs.js";
import { InputError } from "../../model/input-error.js";
import type { GateOn } from "../../model/finding.js";
import { readPulumiPreview } from "../../load/pulumi-preview/index.js";
import { exitCodeFor } from "../../decide/decide.js";
import { renderReport } from "../../report/render-report.js";
import { REPORT_FORMATS } from "../../report/report-input.js";
import { colorWanted } from "../../report/text/colors.js";
import { oneOf, parse, requireList } from "../args.js";
import { UsageError, type CliIo } from "../io.js";
import { LIMIT_FLAG_OPTIONS, readOptions, validateInputFlags, writeOutputFile } from "../input-flags.js";
import { readPulumiText } from "../read-pulumi-text.js";

export { readOptions } from "../input-flags.js";

export const CHECK_USAGE = `kubegate check --base <path> --head <path> [--format text|json|markdown|sarif] [--output <file>]
               [--config <file>] [--kube-version <x.y>] [--gate-on changes|everything]
               [--max-file-size <MiB>] [--max-depth <n>] [--max-keys <n>] [--max-documents <n>]
  Diffs base and head, runs every rule and decides pass / warn / block on what the change
  introduces: findings base already had are listed as unchanged and do not gate
  (--gate-on everything, or kubegate.yaml gate: everything, gates them too: audits).
  <path> is a file, a folder (recursive .yaml/.yml/.json) or - for stdin; repeat to add more.
  A folder with a kubegate.yaml \`releases:\` list or a plain helmfile.yaml is a platform tree:
  its Helm releases are rendered (helm template, offline) instead of loading its files.
kubegate check --base-ref <ref> [--head-ref <ref>] [options above]
  Renders every Helm release at both git refs (git worktree; head defaults to the working tree)
  and checks the rendered change. --releases insists that --base/--head folders declare releases.
kubegate check --pulumi-preview <file> [options above]
  Checks the Kubernetes resources of \`pulumi preview --json --show-sames\` output (- for stdin):
  old states against new states, Pulumi's own replaces included; findings name the file and URN.
  Exit: 0 pass or warn, 1 block, 2 bad input or usage, 3 internal error.`;

/** The flags `check` and `gate` share: what to compare and how to read it. */
export const CHECK_FLAGS = {
  base: { type: "string", multiple: true },
  head: { type: "string", multiple: true },
  format: { type: "string" },
  output: { type: "string" },
  config: { type: "string" },
  "kube-version": { type: "string" },
  ...LIMIT_FLAG_OPTIONS,
  "base-ref": { type: "string" },
  "head-ref": { type: "string" },
  releases: { type: "boolean" },
  "pulumi-preview": { type: "string" },
  "gate-on": { type: "string" },
} as const;

export async function checkCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, CHECK_FLAGS);
  const format = oneOf(values.format, REPORT_FORMATS, "format", "text");
  const { result, config } = await staticCheck(values, io, { patches: format !== "json" && format !== "sarif" });
  const report = renderReport(result, format, { color: !values.output && colorWanted(io.stdout, io.env) });
  io.signal?.throwIfAborted(); // interrupted before the decision was printed: no decision (exit 3)
  const code = exitCodeFor(result.decision, config.failOn);
  io.decided?.(code);
  if (values.output) {
    await writeOutputFile("output", values.output as string, report, io.cwd);
    io.stderr.write(`kubegate: ${result.decision} (${result.findings.length} findings), report written to ${values.output as string}\n`);
  } else io.stdout.write(report);
  return code;
}

/**
 * The static check from parsed flags: manifests, Helm releases (folders that declare them, or git
 * refs) or a Pulumi preview. `gate` stages the very objects this returns.
 */
export async function staticCheck(values: Record<string, unknown>, io: CliIo, extra: { patches: boolean }): Promise<{ result: CheckResult; config: KubegateConfig }> {
  await validateInputFlags(values, io);
  let config = await loadConfig(values.config as string | undefined);
  const options = {
    ...(values["kube-version"] ? { kubeVersion: values["kube-version"] as string } : {}),
    ...(values["gate-on"] !== undefined ? { gateOn: oneOf(values["gate-on"], GATE_ON, "gate-on", "changes") } : {}),
    read: readOptions(values, io),
    patches: extra.patches,
  };
  if (values["pulumi-preview"] !== undefined) return { result: await checkPulumiPreview(values, io, config, options), config };
  if (values["base-ref"] !== undefined || values["head-ref"] !== undefined) return checkGitRefs(values, io, config, options);
  const [base, head] = [requireList(values, "base"), requireList(values, "head")];
  const side = (paths: string[], label: string): Promise<SideInput> =>
    resolveSide(paths, { cwd: io.cwd, requireReleases: values.releases === true, label, ...(config.defaultNamespace ? { defaultNamespace: config.defaultNamespace } : {}) });
  const [baseSide, headSide] = [await side(base, "base"), await side(head, "head")];
  if (!baseSide.releases && !headSide.releases) return { result: await check({ base, head }, { config, ...options }), config };
  config = platformConfig(values, config, headSide.config ?? baseSide.config);
  return { result: await renderAndCheck(baseSide, headSide, io, config, options), config };
}

type CheckRunOptions = { kubeVersion?: string; gateOn?: GateOn; read: ReturnType<typeof readOptions>; patches: boolean };

const GATE_ON: readonly GateOn[] = ["changes", "everything"];

/** Without --config and ./kubegate.yaml, the platform tree's own kubegate.yaml tunes the rules. */
function platformConfig(values: Record<string, unknown>, config: KubegateConfig, tree: KubegateConfig | undefined): KubegateConfig {
  return values.config === undefined && !existsSync("kubegate.yaml") && tree ? tree : config;
}

async function renderAndCheck(base: SideInput, head: SideInput, io: CliIo, config: KubegateConfig, options: CheckRunOptions, labels?: { base: string; head: string }): Promise<CheckResult> {
  const kubeVersion = options.kubeVersion ?? config.kubeVersion;
  const rendered = await loadAndRender(base, head, {
    read: options.read,
    ...(kubeVersion ? { kubeVersion } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
    ...(labels ? { labels } : {}),
    log: (line) => io.stderr.write(`${line}\n`),
  });
  if (rendered.summary) io.stderr.write(`kubegate: ${rendered.summary}\n`);
  return checkObjects(rendered.base, rendered.head, { config, ...options, ...(rendered.helm ? { helm: rendered.helm } : {}) });
}

/** --base-ref/--head-ref: every release rendered at both refs, each materialized as a git worktree. */
async function checkGitRefs(values: Record<string, unknown>, io: CliIo, config: KubegateConfig, options: CheckRunOptions): Promise<{ result: CheckResult; config: KubegateConfig }> {
  if (values.base !== undefined || values.head !== undefined) throw new UsageError("--base-ref/--head-ref render the releases at each ref: drop --base/--head");
  const baseRef = values["base-ref"];
  if (typeof baseRef !== "string" || baseRef === "") throw new UsageError("--base-ref <ref> is required with --head-ref");
  const headRef = typeof values["head-ref"] === "string" ? values["head-ref"] : undefined;
  return withGitRefs(io.cwd, headRef ? [baseRef, headRef] : [baseRef], async (trees) => {
    const ns = config.defaultNamespace;
    const baseTree = await platformTree(trees[0]!.dir, io.cwd, "", ns);
    const headTree = await platformTree(trees[1]?.dir ?? io.cwd, io.cwd, "", ns);
    if (!baseTree.releases && !headTree.releases) {
      throw new InputError([{ file: io.cwd, message: `no Helm releases at ${baseRef} nor ${headRef ?? "the working tree"}: add kubegate.yaml \`releases:\` or a plain helmfile.yaml` }]);
    }
    const used = platformConfig(values, config, headTree.config ?? baseTree.config);
    const side = (tree: typeof baseTree): SideInput => ({ paths: [], ...(tree.releases ? { releases: tree.releases } : {}) });
    const result = await renderAndCheck(side(baseTree), side(headTree), io, used, options, { base: baseRef, head: headRef ?? "the working tree" });
    return { result, config: used };
  });
}

/** --pulumi-preview: the preview's old and new states are base and head. */
async function checkPulumiPreview(values: Record<string, unknown>, io: CliIo, config: KubegateConfig, options: CheckRunOptions): Promise<CheckResult> {
  if (values.base !== undefined || values.head !== undefined || values["base-ref"] !== undefined || values["head-ref"] !== undefined) {
    throw new UsageError("--pulumi-preview takes both sides from the preview: drop --base/--head/--base-ref/--head-ref");
  }
  const file = values["pulumi-preview"] as string;
  const text = await readPulumiText(file, options.read);
  const preview = readPulumiPreview(text, file === "-" ? "<stdin>" : file);
  for (const note of [...preview.skipped, ...preview.notes]) io.stderr.write(`kubegate: ${preview.secrets.redact(note)}\n`);
  return checkObjects(preview.base, preview.head, { config, ...options, secrets: preview.secrets });
}
