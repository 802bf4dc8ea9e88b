/**
 * Builds the pinned tools into the tools dir (skipping ones already built).
 *
 *   build-tools-cli [--all] [--verbose] [name[@version] ...]
 *
 * `name@vX.Y.Z` builds another release of a pinned tool with the same recipe (staging runs the
 * exact Traefik of an image tag when its build is in the tools dir).
 *
 * With no names: the tools the tests need (DEFAULT_TOOLS). Progress with timings
 * goes to stderr; the path of each binary is printed to stdout as `name<TAB>path`.
 */
import { ensureTool, toolPath, toolsDir } from "./build-tool.js";
import { DEFAULT_TOOLS, TOOL_VERSIONS, isToolName, type ToolName } from "./versions.js";

function usage(): string {
  const lines = Object.entries(TOOL_VERSIONS).map(
    ([n, s]) => `  ${n.padEnd(16)} ${s.version.padEnd(10)} ${s.package}${s.default ? "  (default)" : ""}`,
  );
  return [
    "usage: build-tools-cli [--all] [--verbose] [name[@vX.Y.Z] ...]",
    `tools dir: ${toolsDir()} (KUBEGATE_TOOLS_DIR)`,
    "tools:",
    ...lines,
  ].join("\n");
}

async function main(argv: readonly string[]): Promise<number> {
  const verbose = argv.includes("--verbose") || argv.includes("-v");
  if (argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(`${usage()}\n`);
    return 0;
  }
  const requested = argv.filter((a) => !a.startsWith("-")).map((a) => ({ name: a.split("@")[0]!, version: a.split("@")[1] }));
  const args = requested.map((r) => r.name);
  const versions = new Map(requested.filter((r) => r.version).map((r) => [r.name, r.version!]));
  const unknown = args.filter((a) => !isToolName(a));
  if (unknown.length > 0) {
    process.stderr.write(`unknown tool(s): ${unknown.join(", ")}\n${usage()}\n`);
    return 2;
  }
  const names: readonly ToolName[] = argv.includes("--all")
    ? (Object.keys(TOOL_VERSIONS) as ToolName[])
    : args.length > 0
      ? (args as ToolName[])
      : DEFAULT_TOOLS;

  const controller = new AbortController();
  const onSignal = (): void => controller.abort();
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  const start = Date.now();
  const since = (t: number): string => `${((Date.now() - t) / 1000).toFixed(1)}s`;
  let failed = 0;
  for (const name of names) {
    const t = Date.now();
    const version = versions.get(name);
    process.stderr.write(`[${since(start)}] ${name} ${version ?? TOOL_VERSIONS[name].version}: ensuring ${toolPath(name, version)}\n`);
    try {
      const path = await ensureTool(name, {
        ...(version ? { version } : {}),
        signal: controller.signal,
        log: (line) => {
          // kubegate's own step lines always; go's chatter only with --verbose.
          if (verbose || line.startsWith(`[${name}]`) || line.startsWith("waiting for") || line.startsWith("removing stale")) {
            process.stderr.write(`[${since(start)}] ${line}\n`);
          }
        },
      });
      process.stderr.write(`[${since(start)}] ${name}: ready in ${since(t)}\n`);
      process.stdout.write(`${name}\t${path}\n`);
    } catch (err) {
      failed++;
      process.stderr.write(`[${since(start)}] ${(err as Error).message}\n`);
      if (controller.signal.aborted) break;
    }
  }
  process.stderr.write(`[${since(start)}] done: ${names.length - failed} ok, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exitCode = 1;
  },
);
