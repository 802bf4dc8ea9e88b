/**
 * `kubegate cluster up`: a throwaway cluster for poking at by hand (the same one staging uses),
 * torn down on Ctrl-C. `kubegate cleanup`: removes what crashed runs left behind.
 * Providers are imported lazily so `kubegate check` never loads the cluster code.
 */
import { streamLogger } from "../../log/logger.js";
import { StagingError } from "../../stage/cluster/cluster-provider.js";
import { assertRunId, isRunId, newRunId } from "../../stage/cluster/run-id.js";
import { guardRunId } from "../../util/exit-guard.js";
import { parse } from "../args.js";
import { EXIT, UsageError, type CliIo } from "../io.js";

export const CLUSTER_USAGE = `kubegate cluster up [--provider local|kind|k3s] [--kube-version <x.y>] [--run-id <id>] [--verbose]
  Starts a throwaway cluster, prints its kubeconfig path on stdout and keeps it until Ctrl-C
  (SIGINT/SIGTERM), then tears it down. Provider: --provider (or --cluster), else $KUBEGATE_CLUSTER,
  else the first available (local, kind, k3s).
  Exit: 0 after a clean teardown, 3 when the cluster fails to start or a component dies.`;

export const CLEANUP_USAGE = `kubegate cleanup [--run-id <id>] [--provider local]
  Removes what earlier runs left behind: their sandboxes and temp dirs (one run, or every run
  whose kubegate process is gone), and the work folders of tool builds that were killed part-way
  (never those of a build still running), and lists what it removed.`;

export async function clusterCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    provider: { type: "string" },
    cluster: { type: "string" },
    "kube-version": { type: "string" },
    "run-id": { type: "string" },
    verbose: { type: "boolean", short: "v" },
  });
  if (positionals.length !== 1 || positionals[0] !== "up") throw new UsageError(`expected "cluster up" (got "cluster ${positionals.join(" ")}")`);
  const runId = (values["run-id"] as string | undefined) ?? newRunId();
  if (!isRunId(runId)) throw new UsageError(`--run-id: use 1-63 lowercase letters, digits, dots and dashes`);
  if (!io.signal) throw new Error("cluster up needs a signal to know when to stop");
  const logger = streamLogger(io.stderr, { verbose: Boolean(values.verbose) });
  const { detectProvider } = await import("../../stage/detect-provider.js");
  const signal = io.signal;
  const releaseRunId = guardRunId(runId); // a forced exit names the run and its cleanup command
  try {
    const named = (values.provider ?? values.cluster) as string | undefined;
    const provider = await detectProvider({ ...(named ? { name: named } : {}), env: io.env });
    const cluster = await provider.create({
      runId,
      logger,
      signal,
      ...(values["kube-version"] ? { kubeVersion: values["kube-version"] as string } : {}),
    });
    try {
      io.stdout.write(`${cluster.kubeconfigPath}\n`);
      io.stderr.write(
        `kubegate: ${cluster.provider} cluster ${runId} is up (Kubernetes ${cluster.serverVersion}).\n` +
          `  export KUBECONFIG=${cluster.kubeconfigPath}\n  kubectl get --raw /version\n` +
          `Ctrl-C tears it down.\n`,
      );
      const outcome = await Promise.race([
        new Promise<"stopped">((resolve) => {
          if (signal.aborted) resolve("stopped");
          signal.addEventListener("abort", () => resolve("stopped"), { once: true });
        }),
        cluster.failed,
      ]);
      if (outcome instanceof StagingError) throw outcome;
      return EXIT.pass;
    } finally {
      const t0 = Date.now();
      await cluster.stop();
      releaseRunId();
      logger.info(`cluster ${runId} torn down in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
    }
  } catch (err) {
    releaseRunId();
    if (signal.aborted && !(err instanceof StagingError)) {
      io.stderr.write(`kubegate: interrupted, nothing left running\n`);
      return EXIT.pass;
    }
    if (err instanceof StagingError) {
      io.stderr.write(`kubegate: staging failed: ${err.message}\n`);
      return EXIT.internal;
    }
    throw err;
  }
}

export async function cleanupCommand(argv: string[], io: CliIo): Promise<number> {
  const { values } = parse(argv, { "run-id": { type: "string" }, provider: { type: "string" } });
  const runId = values["run-id"] as string | undefined;
  if (runId !== undefined) {
    try {
      assertRunId(runId);
    } catch (err) {
      throw new UsageError(`--run-id: ${(err as Error).message}`);
    }
  }
  const { knownProviders, providerNamed } = await import("../../stage/detect-provider.js");
  const names: string[] = values.provider ? [values.provider as string] : knownProviders();
  const unknown = names.filter((n) => !(knownProviders() as string[]).includes(n));
  if (unknown.length > 0) throw new UsageError(`--provider must be one of ${knownProviders().join(", ")}`);
  const removed: string[] = [];
  for (const name of names) removed.push(...(await (await providerNamed(name, "--provider")).cleanup(runId)));
  const [{ removeStaleBuilds }, { toolsDir }] = await Promise.all([import("../../stage/tools/stale-builds.js"), import("../../stage/tools/build-tool.js")]);
  removed.push(...(await removeStaleBuilds(toolsDir())));
  if (removed.length === 0) io.stderr.write(`kubegate: nothing to clean up${runId ? ` for run ${runId}` : ""}\n`);
  for (const item of removed) io.stdout.write(`removed ${item}\n`);
  return EXIT.pass;
}
