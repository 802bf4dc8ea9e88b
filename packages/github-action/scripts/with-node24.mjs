/**
 * Runs this package's tests under Node.js 24, the runtime action.yml names (`runs.using: node24`),
 * whatever Node runs pnpm: `node scripts/with-node24.mjs vitest run [args]`. Node 24 comes from
 * the npm registry (the `node` package ships the binary), installed once into
 * ~/.cache/kubegate/node24; $KUBEGATE_NODE24 names a Node 24 binary to use instead. Its folder
 * goes first on PATH, so what the tests start with `node` (act running the action) is Node 24 too.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const MAJOR = "24";
const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "..");

function node24() {
  if (process.env.KUBEGATE_NODE24) return process.env.KUBEGATE_NODE24;
  if (process.versions.node.startsWith(`${MAJOR}.`)) return process.execPath;
  const prefix = join(homedir(), ".cache", "kubegate", `node${MAJOR}`);
  const bin = join(prefix, "node_modules", ".bin", "node");
  if (!existsSync(bin)) {
    process.stderr.write(`with-node24: installing node@${MAJOR} from the npm registry into ${prefix} (once)\n`);
    mkdirSync(prefix, { recursive: true });
    execFileSync("npm", ["install", "--prefix", prefix, "--no-save", "--no-audit", "--no-fund", "--loglevel=error", `node@${MAJOR}`], { stdio: ["ignore", "inherit", "inherit"] });
  }
  return bin;
}

const [command, ...args] = process.argv.slice(2);
const scripts = { vitest: join(PACKAGE_DIR, "node_modules", "vitest", "vitest.mjs") };
if (!command || !(command in scripts)) {
  process.stderr.write(`usage: node scripts/with-node24.mjs vitest [args...]\n`);
  process.exit(2);
}
const node = node24();
const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
if (!version.startsWith(`v${MAJOR}.`)) {
  process.stderr.write(`with-node24: ${node} is Node ${version}, not ${MAJOR}\n`);
  process.exit(2);
}
const child = spawn(node, [scripts[command], ...args], {
  cwd: PACKAGE_DIR,
  stdio: "inherit",
  env: { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ""}` },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
