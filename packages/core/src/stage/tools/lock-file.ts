/**
 * A lock file so two processes never build the same tool at once. Created with
 * O_EXCL; holds the owner's pid and host. A lock whose owner process is gone (same
 * host) is stale and taken over; a lock of a live owner is waited for.
 */
import { open, readFile, rm } from "node:fs/promises";
import { hostname } from "node:os";

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/** Whether a process with this pid exists (EPERM: it does, owned by someone else). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, "utf8")) as Partial<LockOwner>;
    if (typeof parsed.pid === "number" && typeof parsed.host === "string") {
      return { pid: parsed.pid, host: parsed.host, since: String(parsed.since ?? "") };
    }
  } catch {
    // missing, or being written right now
  }
  return undefined;
}

/** The owner of the lock at `path` if it is a live process on this host (the lock is held), else undefined. */
export async function liveLockOwner(path: string): Promise<{ pid: number } | undefined> {
  const owner = await readOwner(path);
  return owner && owner.host === hostname() && alive(owner.pid) ? { pid: owner.pid } : undefined;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(t);
      reject(new Error("aborted while waiting for a lock"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

export interface LockOptions {
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
  readonly pollMs?: number;
}

/** Runs fn while holding the lock file at `path`. */
export async function withLockFile<T>(
  path: string,
  fn: () => Promise<T>,
  opts: LockOptions = {},
): Promise<T> {
  const me: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  let announced = false;
  let unreadableSince: number | undefined;
  for (;;) {
    if (opts.signal?.aborted) throw new Error("aborted while waiting for a lock");
    try {
      const fh = await open(path, "wx");
      try {
        await fh.writeFile(JSON.stringify(me));
      } finally {
        await fh.close();
      }
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const owner = await readOwner(path);
    if (owner === undefined) {
      // Just created by another process (not written yet) or garbage: give it 10 s.
      unreadableSince ??= Date.now();
      if (Date.now() - unreadableSince > 10_000) {
        await rm(path, { force: true });
        unreadableSince = undefined;
        continue;
      }
    } else if (owner.host === me.host && !alive(owner.pid)) {
      // Re-read just before removing: another waiter may have replaced it already.
      const again = await readOwner(path);
      if (again?.pid === owner.pid && again.since === owner.since) {
        opts.log?.(`removing stale lock ${path} (pid ${owner.pid} is gone)`);
        await rm(path, { force: true });
      }
      continue;
    } else if (!announced) {
      opts.log?.(`waiting for ${path} (held by pid ${owner.pid} on ${owner.host} since ${owner.since})`);
      announced = true;
    }
    await sleep(opts.pollMs ?? 1000, opts.signal);
  }
  try {
    return await fn();
  } finally {
    await rm(path, { force: true });
  }
}
