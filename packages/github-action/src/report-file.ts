import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { jsonReport, type CheckResult } from "@kubegate/core";
import { FILES } from "./constants.js";

/** The JSON report (the CLI's --format json contract) in RUNNER_TEMP; returns its path. */
export async function writeJsonReport(result: CheckResult, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, FILES.report);
  await writeFile(path, jsonReport(result));
  return path;
}
