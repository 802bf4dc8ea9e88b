import { formatProblem, InputError } from "../model/input-error.js";
import { CHECK_USAGE, checkCommand } from "./commands/check-command.js";
import { CLEANUP_USAGE, CLUSTER_USAGE, cleanupCommand, clusterCommand } from "./commands/cluster-command.js";
import { DIFF_USAGE, diffCommand } from "./commands/diff-command.js";
import { GATE_USAGE, gateCommand } from "./commands/gate-command.js";
import { RULES_USAGE, rulesCommand } from "./commands/rules-command.js";
import { EXIT, UsageError, type CliIo } from "./io.js";

type Command = { run: (argv: string[], io: CliIo) => Promise<number>; usage: string };

const COMMANDS: Record<string, Command> = {
  check: { run: checkCommand, usage: CHECK_USAGE },
  diff: { run: diffCommand, usage: DIFF_USAGE },
  gate: { run: gateCommand, usage: GATE_USAGE },
  rules: { run: rulesCommand, usage: RULES_USAGE },
  cluster: { run: clusterCommand, usage: CLUSTER_USAGE },
  cleanup: { run: cleanupCommand, usage: CLEANUP_USAGE },
};

/** Registers more commands (stage, cluster, cleanup) without this file knowing them. */
export function registerCommand(name: string, command: Command): void {
  COMMANDS[name] = command;
}

export function usage(): string {
  return `kubegate: stop risky Kubernetes changes before production\n\n${Object.values(COMMANDS).map((c) => c.usage).join("\n\n")}\n`;
}

/** Parses argv, runs a command and maps every error onto the exit-code contract. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    io.stdout.write(usage());
    return name ? 0 : EXIT.usage;
  }
  if (name === "--version" || name === "version") {
    io.stdout.write("kubegate 0.1.0\n");
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`kubegate: unknown command "${name}"\n\n${usage()}`);
    return EXIT.usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout.write(command.usage + "\n");
    return 0;
  }
  try {
    io.signal?.throwIfAborted(); // interrupted while the CLI was loading
    return await command.run(rest, io);
  } catch (error) {
    return reportError(error, io, command);
  }
}

function reportError(error: unknown, io: CliIo, command: Command): number {
  if (error instanceof UsageError) {
    io.stderr.write(`kubegate: ${error.message}\n\n${command.usage}\n`);
    return EXIT.usage;
  }
  if (error instanceof InputError) {
    io.stderr.write(`kubegate: bad input\n${error.problems.map((p) => `  ${formatProblem(p)}`).join("\n")}\n`);
    return EXIT.input;
  }
  if (io.signal?.aborted) {
    // Ctrl-C / SIGTERM: not a crash. Teardown already ran (every step owns its cleanup); there is
    // no decision, so the exit code is the fail-closed one.
    const why = io.signal.reason instanceof Error ? io.signal.reason.message : "interrupted";
    io.stderr.write(`kubegate: ${why}: stopped before a decision, everything the run started is torn down (failing closed)\n`);
    return EXIT.internal;
  }
  // No stack trace unless asked for: a trace is noise to a user and may carry input in its frames' messages.
  const message = error instanceof Error ? (io.env.KUBEGATE_DEBUG ? (error.stack ?? error.message) : error.message) : String(error);
  io.stderr.write(`kubegate: internal error (failing closed): ${message}\n`);
  return EXIT.internal;
}
