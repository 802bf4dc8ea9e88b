import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";

/** Writes a case's files and special paths (FIFO, socket, links) into a fresh folder. */
export async function writeCase(c, root = tmpdir()) {
  const dir = mkdtempSync(join(root, "kubegate-hostile-"));
  for (const [path, text] of Object.entries(c.files ?? {})) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const servers = [];
  for (const [path, what] of Object.entries(c.special ?? {})) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    if (what === "fifo") execFileSync("mkfifo", [full]);
    else if (what === "dangling") symlinkSync(join(dir, "does-not-exist.yaml"), full);
    else if (what === "loop") {
      symlinkSync(`${full}.b`, full);
      symlinkSync(full, `${full}.b`);
    } else if (what === "dirlink") symlinkSync(dir, full);
    else if (what === "socket") {
      const server = createServer();
      await new Promise((resolve) => server.listen(full, resolve));
      servers.push(server);
    }
  }
  return { dir, close: () => servers.forEach((s) => s.close()) };
}

const PATH_FLAGS = new Set(["--base", "--head", "--output", "--pulumi-preview", "--junit"]);

/** argv with the case's relative paths made absolute (for in-process runs, whose cwd is not the case's). */
export function absoluteArgv(argv, dir) {
  return argv.map((arg, i) => (PATH_FLAGS.has(argv[i - 1]) && arg !== "-" && !isAbsolute(arg) ? join(dir, arg) : arg));
}
