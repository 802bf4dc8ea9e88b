import { lstat, stat } from "node:fs/promises";
import type { Stats } from "node:fs";

/**
 * What a path is, with the reason it cannot be read named in words: kubegate never opens a
 * FIFO, socket or device (a FIFO blocks for good, /dev/zero never ends), and a broken path gets
 * an exit-2 message instead of a Node stack trace.
 */
export type PathKind = { kind: "file"; size: number } | { kind: "folder" } | { kind: "special"; what: string } | { kind: "broken"; why: string };

export async function pathKind(path: string): Promise<PathKind> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (error) {
    return { kind: "broken", why: await brokenReason(path, error) };
  }
  if (info.isFile()) return { kind: "file", size: info.size };
  if (info.isDirectory()) return { kind: "folder" };
  return { kind: "special", what: specialName(info) };
}

function specialName(info: Stats): string {
  if (info.isFIFO()) return "a FIFO (named pipe)";
  if (info.isSocket()) return "a socket";
  if (info.isCharacterDevice()) return "a character device";
  if (info.isBlockDevice()) return "a block device";
  return "not a regular file";
}

async function brokenReason(path: string, error: unknown): Promise<string> {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ELOOP") return "symbolic link loop";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "ENAMETOOLONG") return "path too long";
  if (code === "ENOTDIR") return "a parent of this path is not a folder";
  if (code === "ENOENT") {
    const link = await lstat(path).then((l) => l.isSymbolicLink(), () => false);
    return link ? "dangling symbolic link (its target does not exist)" : "no such file or folder";
  }
  return `cannot be read (${code ?? "unknown error"})`;
}

/** Words for an error thrown while reading a file or folder that stat accepted. */
export function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a folder";
  return `cannot be read (${code ?? "unknown error"})`;
}
