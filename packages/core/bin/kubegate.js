#!/usr/bin/env node
// The `kubegate` command. pnpm links a package's bin at install time only if the file exists
// then, and dist/ is built after the install: so the bin is this committed file, which loads the
// built CLI (dist/cli/main.js) and says how to build it when it is missing.
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("kubegate: the CLI is not built yet (packages/core/dist is missing): run `npm run setup` in the repository\n");
  process.exit(3);
}
await import(entry.href);
