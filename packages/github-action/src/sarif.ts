import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { renderReport, type GateResult } from "@kubegate/core";
import { FILES } from "./constants.js";

/**
 * SARIF 2.1.0 for github/codeql-action/upload-sarif; returns its path. Locations are relative to
 * the repository root, so code scanning places each finding on its manifest line. Staged results
 * bring the smoke rules along (the CLI's --format sarif).
 */
export async function writeSarif(result: GateResult, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, FILES.sarif);
  await writeFile(path, renderReport(result, "sarif"));
  return path;
}
