import { findHelm, type HelmBinary } from "../helm/helm-binary.js";
import type { Logger } from "../log/logger.js";
import { ensureTool } from "../stage/tools/build-tool.js";
import type { ToolName } from "../stage/tools/versions.js";

/** The pinned tool from the tools folder, built from its Go module the first time (minutes, once). */
export async function pinnedTool(name: ToolName, logger: Logger, signal?: AbortSignal): Promise<string> {
  return ensureTool(name, { log: (line) => logger.debug(line), ...(signal ? { signal } : {}) });
}

export async function helmFor(logger: Logger, signal?: AbortSignal): Promise<HelmBinary> {
  return findHelm({ log: (line) => logger.info(line), ...(signal ? { signal } : {}) });
}
