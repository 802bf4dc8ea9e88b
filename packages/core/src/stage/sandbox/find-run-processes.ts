/**
 * Finds processes of sandbox runs through /proc: supervisors and `unshare` carry
 * `--kubegate-run-id=<id>` in their command line, every process inside has KUBEGATE_RUN_ID in
 * its environment. Used by cleanup (leftovers of crashed runs) and by leak tests.
 */
import { readFile, readdir } from "node:fs/promises";
import { RUN_ID_ARG, RUN_ID_ENV } from "./protocol.js";

export interface RunProcess {
  pid: number;
  runId: string;
  /** Where the run id was seen: a supervisor/unshare command line, or a process's environment. */
  via: "cmdline" | "environ";
  /** argv joined by spaces, for reports. */
  command: string;
  /** Parent pid (for telling orphaned supervisors from owned ones). */
  ppid: number;
}

/** Processes of one run (or of every run), this process excluded. */
export async function findRunProcesses(runId?: string): Promise<RunProcess[]> {
  const found: RunProcess[] = [];
  let entries: string[];
  try {
    entries = await readdir("/proc");
  } catch {
    return found;
  }
  for (const entry of entries) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    const argv = await readNulList(`/proc/${pid}/cmdline`);
    if (argv === undefined || argv.length === 0) continue; // gone, or a zombie/kernel thread
    let id = argv.find((a) => a.startsWith(RUN_ID_ARG))?.slice(RUN_ID_ARG.length);
    let via: RunProcess["via"] = "cmdline";
    if (id === undefined) {
      const env = await readNulList(`/proc/${pid}/environ`);
      id = env?.find((e) => e.startsWith(`${RUN_ID_ENV}=`))?.slice(RUN_ID_ENV.length + 1);
      via = "environ";
    }
    if (id === undefined || (runId !== undefined && id !== runId)) continue;
    found.push({ pid, runId: id, via, command: argv.join(" "), ppid: await parentPid(pid) });
  }
  return found;
}

/** The `unshare` processes that own sandboxes: killing one (--kill-child) ends its sandbox. */
export function sandboxOwners(processes: readonly RunProcess[]): RunProcess[] {
  return processes.filter((p) => p.via === "cmdline" && /(^|\/)unshare$/.test(p.command.split(" ")[0] ?? ""));
}

async function readNulList(path: string): Promise<string[] | undefined> {
  try {
    return (await readFile(path, "utf8")).split("\0").filter((s) => s.length > 0);
  } catch {
    return undefined; // exited meanwhile, or not ours to read
  }
}

async function parentPid(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised command name, which may itself hold spaces and parens.
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(rest[1]);
  } catch {
    return -1;
  }
}
