#!/usr/bin/env node
// Tiny on purpose: the signal handlers are in place before any heavy module loads (a Ctrl-C in
// the first half second would otherwise kill the process with no word), then the CLI loads.
// Everything testable lives in runCli.
import { installInterruptHandlers } from "./interrupts.js";
import { quietOnEpipe } from "./quiet-epipe.js";
import { testPauseFromEnv } from "./test-pause.js";

const interrupts = installInterruptHandlers(process.stderr);
const pause = testPauseFromEnv(process.env, process.stderr);
// A closed stdout (`kubegate check ... | head`) ends writing quietly; the decision keeps its exit code.
quietOnEpipe(process.stdout);
quietOnEpipe(process.stderr);
await pause?.("load");
const { runCli } = await import("./run-cli.js");
process.exitCode = await runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: interrupts.signal,
  decided: interrupts.decided,
  ...(pause ? { pause } : {}),
});
