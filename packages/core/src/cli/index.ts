export { runCli, registerCommand, usage } from "./run-cli.js";
export { EXIT, UsageError, type CliIo } from "./io.js";
