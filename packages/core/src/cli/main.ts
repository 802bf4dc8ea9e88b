#!/usr/bin/env node
import { quietOnEpipe } from "./quiet-epipe.js";
import { runCli } from "./run-cli.js";

// Thin entry: everything testable lives in runCli. Signals abort long-running commands, which
// tear down what they started before the process exits.
const controller = new AbortController();
let interrupted = 0;
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    interrupted++;
    if (interrupted > 1) process.exit(130);
    process.stderr.write(`\nkubegate: ${sig}, cleaning up (again to force)\n`);
    controller.abort(new Error(`interrupted by ${sig}`));
  });
}

quietOnEpipe(process.stdout);
quietOnEpipe(process.stderr);
const code = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: controller.signal,
});
process.exitCode = controller.signal.aborted && code === 0 ? 130 : code;
