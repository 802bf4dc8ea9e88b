/**
 * Run ids name everything a staging run starts (temp dirs, sandbox command lines, process
 * environments), so leftovers of a crashed run can be found and removed by id. They must be
 * safe in file names and command lines: lowercase letters, digits, dots and dashes.
 */
import { randomBytes } from "node:crypto";

const RUN_ID = /^[a-z0-9][a-z0-9.-]{0,62}$/;

/** "r20261121-162501-3fa9c2": sortable by start time, unique enough across parallel runs. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15);
  return `r${stamp}-${randomBytes(3).toString("hex")}`;
}

export function isRunId(id: string): boolean {
  return RUN_ID.test(id);
}

export function assertRunId(id: string): void {
  if (!isRunId(id)) throw new Error(`invalid run id ${JSON.stringify(id)}: use 1-63 lowercase letters, digits, dots and dashes`);
}
