import { spawn } from "node:child_process";
import { chmod, mkdir, symlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/**
 * Writes the files of `commit` into `dir` straight from git's object store (`ls-tree` +
 * `cat-file --batch`): no checkout and no `git archive`, both of which run the smudge filters
 * and drivers that the commit's own .gitattributes names. Bytes are written as committed.
 */
export async function writeTreeFiles(top: string, commit: string, dir: string, gitArgs: string[]): Promise<void> {
  const listing = (await run(top, [...gitArgs, "ls-tree", "-r", "-z", "--full-tree", commit])).toString("utf8");
  const entries = listing.split("\0").filter(Boolean).flatMap((line) => {
    const m = /^(\d+) (\w+) ([0-9a-f]+)\t(.*)$/s.exec(line);
    return m && m[2] === "blob" ? [{ mode: m[1]!, sha: m[3]!, path: m[4]! }] : [];
  });
  if (entries.length === 0) return;
  const blobs = await run(top, [...gitArgs, "cat-file", "--batch"], entries.map((e) => e.sha).join("\n") + "\n");
  let offset = 0;
  for (const entry of entries) {
    const headerEnd = blobs.indexOf(0x0a, offset);
    const size = Number(blobs.subarray(offset, headerEnd).toString("utf8").split(" ")[2]);
    const content = blobs.subarray(headerEnd + 1, headerEnd + 1 + size);
    offset = headerEnd + 1 + size + 1;
    const target = join(dir, entry.path);
    if (!target.startsWith(dir + "/")) continue;
    await mkdir(dirname(target), { recursive: true });
    if (entry.mode === "120000") await symlink(content.toString("utf8"), target);
    else {
      await writeFile(target, content);
      if (entry.mode === "100755") await chmod(target, 0o755);
    }
  }
}

function run(cwd: string, args: string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", args, { cwd, stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let stderr = "";
    child.stdout!.on("data", (d: Buffer) => out.push(d));
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`git ${args.filter((a) => !a.startsWith("core.")).join(" ")}: ${stderr.trim()}`))));
    if (input !== undefined) {
      child.stdin!.on("error", reject);
      child.stdin!.end(input);
    }
  });
}
