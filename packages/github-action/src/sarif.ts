import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { sarifReport, type CheckResult } from "@kubegate/core";
import { FILES } from "./constants.js";

/**
 * SARIF 2.1.0 for github/codeql-action/upload-sarif; returns its path. Locations are relative to
 * the repository root, so code scanning places each finding on its manifest line.
 */
export async function writeSarif(result: CheckResult, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, FILES.sarif);
  await writeFile(path, sarifReport(result));
  return path;
}
