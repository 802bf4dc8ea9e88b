/**
 * Which `unshare` invocation can create the sandbox's namespaces on this machine: plain
 * (root, or CAP_SYS_ADMIN) or inside a new user namespace (unprivileged users, where the
 * kernel allows it). Detected once per process by actually trying, because sysctls, AppArmor
 * and container runtimes all influence the answer and none of them is cheap to predict.
 */
import { execFile } from "node:child_process";

export type UnshareMode = "root" | "user";

const NAMESPACE_FLAGS = ["--net", "--pid", "--fork", "--kill-child", "--mount-proc"];

export function unshareFlags(mode: UnshareMode): string[] {
  return mode === "root" ? [...NAMESPACE_FLAGS] : ["--user", "--map-root-user", ...NAMESPACE_FLAGS];
}

/** Thrown when no way to create the namespaces works; the message says what to do. */
export class SandboxUnavailableError extends Error {
  override name = "SandboxUnavailableError";
}

function attempt(mode: UnshareMode): Promise<string | undefined> {
  return new Promise((resolve) => {
    // The probe needs what the supervisor needs: the namespaces and CAP_NET_ADMIN inside them.
    execFile("unshare", [...unshareFlags(mode), "ip", "link", "set", "lo", "up"], { timeout: 10_000 }, (err, _stdout, stderr) => {
      resolve(err ? (String(stderr).trim() || err.message).split("\n")[0] : undefined);
    });
  });
}

let detected: Promise<UnshareMode> | undefined;

/** The first mode that works (cached); rejects with SandboxUnavailableError when none does. */
export function detectUnshareMode(): Promise<UnshareMode> {
  detected ??= (async () => {
    const failures: string[] = [];
    const modes: UnshareMode[] = process.getuid?.() === 0 ? ["root", "user"] : ["user", "root"];
    for (const mode of modes) {
      const failure = await attempt(mode);
      if (failure === undefined) return mode;
      failures.push(`${mode === "root" ? "unshare --net --pid" : "unshare --user --map-root-user --net --pid"}: ${failure}`);
    }
    throw new SandboxUnavailableError(
      "cannot create a sandbox (network + PID namespace): " +
        failures.join("; ") +
        ". Run kubegate as root, or allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1, " +
        "kernel.apparmor_restrict_unprivileged_userns=0); `unshare` (util-linux) and `ip` (iproute2) must be installed.",
    );
  })();
  // A failed detection is not cached forever: the user may fix the machine and retry in-process.
  detected.catch(() => {
    detected = undefined;
  });
  return detected;
}
