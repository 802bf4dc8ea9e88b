import { pendingSignals } from "../interrupts.js";
import { exitCodeFor } from "../../decide/decide.js";
import { streamLogger } from "../../log/logger.js";
import { renderReport } from "../../report/render-report.js";
import { REPORT_FORMATS } from "../../report/report-input.js";
import { colorWanted } from "../../report/text/colors.js";
import type { KubegateConfig } from "../../config/config.js";
import type { GateResult } from "../../gate/gate.js";
import type { ProviderName } from "../../stage/cluster/cluster-provider.js";
import { oneOf, parse } from "../args.js";
import { UsageError, type CliIo } from "../io.js";
import { writeOutputFile } from "../input-flags.js";
import { CHECK_FLAGS, staticCheck } from "./check-command.js";

export const GATE_USAGE = `kubegate gate --base <path> --head <path> [--stage [local|kind|k3s|kubeconfig]] [--format text|json|markdown|sarif]
              [--output <file>] [--junit <file>] [--config <file>] [--kube-version <x.y>] [--keep] [--verbose]
              [--require-staging]
              [--cluster <provider>: the same as --stage <provider>]
              [--kubeconfig <file>] [--context <name>] [--i-know-this-is-not-production]   (with --stage kubeconfig)
              (or --base-ref/--head-ref, --releases, --pulumi-preview <file>, --environment, --chart-repo:
              the inputs of check: manifests, Helm releases, helmfiles, kustomizations)
  The static check, then with --stage a smoke test on a throwaway cluster: apply base, probe every
  route, apply head (pruning what it deletes), probe, restart the ingress controller, probe again.
  One decision over both. Progress goes to stderr. --keep leaves the cluster up (prints its
  kubeconfig) until Ctrl-C. --stage alone: $KUBEGATE_CLUSTER, else local. --stage kubeconfig stages
  on an existing cluster, only if one of its namespaces carries the label kubegate.dev/throwaway=true
  (or with --i-know-this-is-not-production). A declared ingress controller staging cannot run
  (ingress-nginx, Traefik v1) is named in the verdict (smoke-controller-not-staged, a warning);
  --require-staging makes it an error (exit 3).
  Exit: 0 pass or warn, 1 block, 2 bad input, 3 staging or internal error.`;

const STAGES = ["local", "kind", "k3s", "kubeconfig"] as const;

export async function gateCommand(argv: string[], io: CliIo): Promise<number> {
  // `--stage` alone means the default provider; parseArgs needs it as a string, so map it first.
  const bareStage = io.env["KUBEGATE_CLUSTER"]?.trim() || "local";
  const args = argv.flatMap((a, i) => (a === "--stage" && (argv[i + 1] === undefined || argv[i + 1]!.startsWith("--")) ? ["--stage", bareStage] : [a]));
  const { values } = parse(args, {
    ...CHECK_FLAGS,
    stage: { type: "string" },
    junit: { type: "string" },
    keep: { type: "boolean" },
    verbose: { type: "boolean", short: "v" },
    cluster: { type: "string" },
    kubeconfig: { type: "string" },
    context: { type: "string" },
    "i-know-this-is-not-production": { type: "boolean" },
    "require-staging": { type: "boolean" },
  });
  const format = oneOf(values.format, REPORT_FORMATS, "format", "text");
  // `--cluster <provider>` is the same request as `--stage <provider>` (the spelling of the staging issue).
  if (values.cluster !== undefined && values.stage !== undefined && values.cluster !== values.stage) {
    throw new UsageError(`--cluster ${String(values.cluster)} and --stage ${String(values.stage)} name different providers`);
  }
  const requested = values.stage ?? values.cluster;
  const stage = requested === undefined ? undefined : oneOf(requested, STAGES, values.stage !== undefined ? "stage" : "cluster", "local");
  const kubeconfigFlags = (["kubeconfig", "context", "i-know-this-is-not-production"] as const).filter((f) => values[f] !== undefined);
  if (kubeconfigFlags.length > 0 && stage !== "kubeconfig") throw new UsageError(`--${kubeconfigFlags[0]} needs --stage kubeconfig`);
  if (values["require-staging"] && !stage) throw new UsageError("--require-staging needs --stage");
  // The same inputs as `check` (manifests, Helm releases, git refs, a Pulumi preview), then staged.
  const staticResult = await staticCheck(values, io, { patches: format !== "json" && format !== "sarif" });
  const config = staticResult.config;
  const { stageCheck } = await import("../../gate/gate.js");
  const publish = decisionPublisher(values, format, config, io);
  const result = await stageCheck(staticResult, {
    config,
    ...(values["kube-version"] ? { kubeVersion: values["kube-version"] as string } : {}),
    // Progress lines (controller and stand-in output with --verbose) pass the same redactor as reports.
    logger: streamLogger(io.stderr, { verbose: Boolean(values.verbose), redact: (s) => staticResult.secrets.redact(s) }),
    ...(stage ? { stage: stage as ProviderName } : {}),
    ...(stage === "kubeconfig"
      ? {
          stageOptions: {
            kubeconfig: {
              ...(values.kubeconfig ? { path: values.kubeconfig as string } : {}),
              ...(values.context ? { context: values.context as string } : {}),
              allowUnmarked: Boolean(values["i-know-this-is-not-production"]),
              env: io.env,
            },
          },
        }
      : {}),
    ...(io.signal ? { signal: io.signal } : {}),
    ...(io.pause ? { pause: io.pause } : {}),
    // A staged run's decision is printed before teardown, so an interrupt during teardown keeps it.
    onDecision: async (decided) => void (await publish(decided)),
    ...(values.keep ? { keepUntil: keepUntilInterrupted(io) } : {}),
    ...(values["require-staging"] ? { requireStaging: true } : {}),
  });
  return publish(result);
}

/**
 * Prints the report and the decision once (before teardown for staged runs, after the static
 * check otherwise) and returns its exit code. A run interrupted before this point has no
 * decision: it throws the interrupt, which the CLI turns into exit 3.
 */
function decisionPublisher(values: Record<string, unknown>, format: (typeof REPORT_FORMATS)[number], config: KubegateConfig, io: CliIo): (result: GateResult) => Promise<number> {
  let published: Promise<number> | undefined;
  const publish = async (result: GateResult): Promise<number> => {
    await pendingSignals();
    io.signal?.throwIfAborted();
    const code = exitCodeFor(result.decision, config.failOn);
    io.decided?.(code);
    const report = renderReport(result, format, { color: !values.output && colorWanted(io.stdout, io.env) });
    if (values.output) await writeOutputFile("output", values.output as string, report, io.cwd);
    else io.stdout.write(report);
    if (values.junit) {
      const { junitReport } = await import("../../report/junit/junit-report.js");
      await writeOutputFile("junit", values.junit as string, junitReport(result.smoke?.routes ?? [], (s) => result.secrets.redact(s)), io.cwd);
    }
    io.stderr.write(`kubegate: ${result.decision}${result.smoke ? ` (${result.smoke.routes.length} routes staged)` : ""}\n`);
    await io.pause?.("after decision");
    return code;
  };
  // Once: a failure to write the report fails the second call too (never a silent pass).
  return (result) => (published ??= publish(result));
}

/** --keep: print the kubeconfig and wait for Ctrl-C before teardown. */
function keepUntilInterrupted(io: CliIo) {
  return async (cluster: { kubeconfigPath: string; runId: string }): Promise<void> => {
    io.stderr.write(`kubegate: --keep: cluster ${cluster.runId} stays up.\n  export KUBECONFIG=${cluster.kubeconfigPath}\nCtrl-C tears it down.\n`);
    const signal = io.signal;
    if (!signal) return;
    await new Promise<void>((resolve) => {
      if (signal.aborted) resolve();
      signal.addEventListener("abort", () => resolve(), { once: true });
    });
  };
}
