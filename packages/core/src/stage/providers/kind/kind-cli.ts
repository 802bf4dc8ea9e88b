/**
 * The kind CLI path: when a `kind` binary is installed, kubegate lets kind create and delete the
 * cluster (its node set-up, CNI and waits are kind's, maintained upstream). Command lines are
 * built by pure functions so tests check them without running kind.
 */
import { execFile } from "node:child_process";
import { access, constants } from "node:fs/promises";
import { delimiter, join } from "node:path";

export const ENV_KIND = "KUBEGATE_KIND";

/** `kind` on PATH, or $KUBEGATE_KIND ("" or "none" turns the CLI path off). */
export async function findKind(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const override = env[ENV_KIND];
  if (override !== undefined) return override === "" || override === "none" ? undefined : override;
  for (const dir of (env["PATH"] ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, "kind");
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** "v0.33.0" from `kind version` ("kind v0.33.0 go1.25.1 linux/amd64"), undefined if it says something else. */
export function parseKindVersion(output: string): string | undefined {
  return /\bv\d+\.\d+\.\d+\S*/.exec(output)?.[0];
}

export function kindClusterName(runId: string): string {
  return `kubegate-${runId}`;
}

export interface KindCreateArgs {
  name: string;
  configPath: string;
  kubeconfigPath: string;
  waitSeconds?: number;
}

export function kindCreateArgs(a: KindCreateArgs): string[] {
  return ["create", "cluster", "--name", a.name, "--config", a.configPath, "--kubeconfig", a.kubeconfigPath, "--wait", `${a.waitSeconds ?? 120}s`];
}

export function kindDeleteArgs(name: string, kubeconfigPath?: string): string[] {
  // --kubeconfig: kind removes the cluster's entry from that file, not from ~/.kube/config.
  return ["delete", "cluster", "--name", name, ...(kubeconfigPath ? ["--kubeconfig", kubeconfigPath] : [])];
}

export interface KindRun {
  stdout: string;
  stderr: string;
}

/** Runs kind; rejects with its output on failure. An abort kills it (kind then leaves a half-made cluster: the caller deletes it). */
export function runKind(binary: string, args: string[], options: { signal?: AbortSignal; timeoutMs?: number } = {}): Promise<KindRun> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      args,
      { maxBuffer: 16 * 1024 * 1024, timeout: options.timeoutMs ?? 10 * 60_000, ...(options.signal ? { signal: options.signal } : {}) },
      (err, stdout, stderr) => {
        if (err) {
          const output = `${stdout}${stderr}`.trim();
          reject(Object.assign(new Error(`kind ${args.slice(0, 2).join(" ")} failed: ${err.message}${output ? `\n${output}` : ""}`, { cause: err }), { output }));
        } else resolve({ stdout, stderr });
      },
    );
  });
}
